// @ts-check
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

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
  // The simulator's sandbox (lib/runner/browser/frame.ts), and nothing else.
  "frame-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Where scripts/prepare-runtime-assets.ts put each group of runtime files: /runtime/<group>/<hash>/,
 * run before `next build` / `next dev`. Without it (a typecheck or unit test), the editor's URLs are
 * left unset and nothing is served.
 */
function runtimeManifest() {
  try {
    return /** @type {{ pyodide: string; monaco: string; runner: string }} */ (JSON.parse(readFileSync(new URL("./.runtime/manifest.json", import.meta.url), "utf8")));
  } catch {
    return null;
  }
}
const runtime = runtimeManifest();

/** The runner frame's one inline script, hashed. Without it, no script runs. */
function frameScriptHash() {
  if (!runtime) return null;
  try {
    const file = new URL(`./public${runtime.runner}frame.html`, import.meta.url);
    const script = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(file, "utf8"))?.[1];
    return script === undefined ? null : `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
  } catch {
    return null;
  }
}

// THE SANDBOX'S POLICY (lib/runner/browser/frame.ts says what it guarantees). The frame runs the
// person's code in workers started from data: URLs, which inherit this policy: eval and wasm for
// the engines, blob: for the runtime's code (handed over as bytes), and no network at all, not
// even our own origin (connect-src 'none'; no 'self' anywhere). `sandbox allow-scripts` gives it an
// opaque origin even if it is opened on its own, and only our pages may embed it.
const frameCsp = [
  "default-src 'none'",
  `script-src ${frameScriptHash() ?? "'none'"} 'unsafe-eval' 'wasm-unsafe-eval' blob:`,
  "worker-src data:",
  "connect-src 'none'",
  "img-src 'none'",
  "style-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox allow-scripts",
].join("; ");

// THE RUNTIME'S FILES (scripts/prepare-runtime-assets.ts): a path under /runtime/ names one
// version's bytes for ever, so browsers may keep them a year without asking again. Each file was
// compressed once at build; a request that accepts brotli (else gzip) is rewritten to that twin
// and the response labelled with its encoding, which also keeps Next from compressing it again.
// (A route handler cannot do this: Next drops the Content-Encoding a route handler sets.)
const accepts = (/** @type {string} */ coding) => ({ type: /** @type {const} */ ("header"), key: "accept-encoding", value: `(?:.*[\\s,])?${coding}(?:[\\s,;].*)?` });
const RUNTIME_FILES = "/runtime/:path*";
const runtimeHeaders = [
  {
    source: RUNTIME_FILES,
    headers: [
      { key: "Cache-Control", value: "public, max-age=31536000, immutable" },
      { key: "Vary", value: "Accept-Encoding" },
    ],
  },
  { source: RUNTIME_FILES, has: [accepts("br")], headers: [{ key: "Content-Encoding", value: "br" }] },
  { source: RUNTIME_FILES, has: [accepts("gzip")], missing: [accepts("br")], headers: [{ key: "Content-Encoding", value: "gzip" }] },
];
const runtimeRewrites = [
  { source: RUNTIME_FILES, has: [accepts("br")], destination: "/runtime-br/:path*" },
  { source: RUNTIME_FILES, has: [accepts("gzip")], missing: [accepts("br")], destination: "/runtime-gz/:path*" },
];

// THE APP'S OWN CHUNKS (scripts/precompress-static.ts, after `next build`): the same twin
// scheme for .next/static/chunks, whose names Next already versions by content (and serves
// immutable). Only for a production build: `next dev` serves chunks from memory, with no twins.
const CHUNKS = "/_next/static/chunks/:path*";
const chunkHeaders = isDev
  ? []
  : [
      { source: CHUNKS, headers: [{ key: "Vary", value: "Accept-Encoding" }] },
      { source: CHUNKS, has: [accepts("br")], headers: [{ key: "Content-Encoding", value: "br" }] },
      { source: CHUNKS, has: [accepts("gzip")], missing: [accepts("br")], headers: [{ key: "Content-Encoding", value: "gzip" }] },
    ];
const chunkRewrites = isDev
  ? []
  : [
      { source: CHUNKS, has: [accepts("br")], destination: "/_next/static/_br/chunks/:path*" },
      { source: CHUNKS, has: [accepts("gzip")], missing: [accepts("br")], destination: "/_next/static/_gz/chunks/:path*" },
    ];

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
  // The runtime's versioned URLs, inlined into the client bundle (lib/runner/browser/assets.ts).
  env: {
    DEADLINE_PYODIDE_URL: runtime?.pyodide ?? "",
    DEADLINE_MONACO_URL: runtime?.monaco ?? "",
    DEADLINE_RUNNER_URL: runtime?.runner ?? "",
  },
  async rewrites() {
    return {
      beforeFiles: [
        // Before the filesystem: the identity runtime file at the same path would win otherwise.
        ...runtimeRewrites,
        ...chunkRewrites,
        // A [slug] page and a [file] route cannot share app/errors, so the twins live in
        // app/errors-twin and are reached at the URLs people use. Accept: text/markdown on an
        // article answers its Markdown, unless the client also accepts HTML (a browser).
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
      ...runtimeHeaders,
      ...chunkHeaders,
      // Next's own scripts and styles (content-hashed, immutable) need none of a document's
      // policies, which would add about 0.7 KiB to every one of them: only these two.
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
      {
        source: "/:path((?!_next/static/).*)",
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
        // The simulator's sandbox: eval and wasm for the engines, no network. The pages never
        // get eval; the worker script itself is fetched by the page as bytes, not run from here.
        source: "/runtime/runner/:version/frame.html",
        headers: [{ key: "Content-Security-Policy", value: frameCsp }],
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
