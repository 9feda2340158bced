// @ts-check

const isDev = process.env.NODE_ENV === "development";

// No third-party host appears anywhere in this policy: every script, style, font, image, worker
// and wasm module is served from our own origin. Next streams its RSC payload through inline
// scripts on statically generated pages, which cannot carry per-request nonces, hence
// 'unsafe-inline' for scripts. React needs 'unsafe-eval' only in development.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // Monaco ships its icon font inline as a data: URL.
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const workerCsp = ["default-src 'self'", "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` typechecks the whole project once (`tsc --noEmit`) before building; checking
  // again inside `next build` would only repeat it.
  typescript: { ignoreBuildErrors: true },
  // Build-time tools: bundling them into the server build gains nothing and breaks esbuild's
  // binary lookup and shiki's lazy grammar imports.
  serverExternalPackages: ["mdx-bundler", "esbuild", "shiki", "@shikijs/rehype"],
  async rewrites() {
    return {
      // A [slug] page and a [file] route cannot share app/errors, so the twins live in
      // app/errors-twin and are reached at the URLs people use. Accept: text/markdown on an
      // article answers its Markdown, unless the client also accepts HTML (a browser).
      beforeFiles: [
        { source: "/errors/:file([a-z0-9-]+\\.(?:md|json))", destination: "/errors-twin/:file" },
        {
          source: "/errors/:slug([a-z0-9-]+)",
          has: [{ type: "header", key: "accept", value: ".*text/markdown.*" }],
          missing: [{ type: "header", key: "accept", value: ".*text/html.*" }],
          destination: "/errors-twin/:slug.md",
        },
      ],
    };
  },
  async redirects() {
    // A cause shared as ?cause=N (or ?cause=<id>) goes to that cause's own page, whose link
    // preview is the cause's.
    return [
      { source: "/errors/:slug([a-z0-9-]+)", has: [{ type: "query", key: "cause", value: "(?<n>\\d+)" }], destination: "/errors/:slug/cause/cause-:n", permanent: false },
      { source: "/errors/:slug([a-z0-9-]+)", has: [{ type: "query", key: "cause", value: "(?<cause>[a-z][a-z0-9-]*)" }], destination: "/errors/:slug/cause/:cause", permanent: false },
    ];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          // Cross-origin isolation, so the editor's workers can use SharedArrayBuffer.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
        ],
      },
      {
        // The simulator's worker evaluates the person's handler (JS via new Function, Python via
        // WebAssembly). Only the worker gets eval and wasm; the pages never do. Its network is
        // limited to our origin, where it fetches the Python runtime.
        source: "/runner/:path*",
        headers: [{ key: "Content-Security-Policy", value: workerCsp }],
      },
      {
        // The same URL answers HTML or Markdown depending on Accept (rewrites above).
        source: "/errors/:slug([a-z0-9-]+)",
        headers: [{ key: "Vary", value: "Accept" }],
      },
      {
        // Badges are meant to be embedded in other sites' pages (READMEs).
        source: "/badge/:path*",
        headers: [{ key: "Cross-Origin-Resource-Policy", value: "cross-origin" }],
      },
    ];
  },
};

export default nextConfig;
