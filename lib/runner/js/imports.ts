// What to tell a person about an import the simulator cannot provide: one hint per kind of
// absence, each with a way forward they can take right now (model it, give it a cost rule, run it
// from the CLI with its folder, install the package).

import type { UnavailableImport } from "../types";

/** Node 20's built-in modules (node:module's builtinModules), without the internal ones. */
export const NODE_BUILTINS = new Set([
  "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
  "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
  "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process", "punycode", "querystring", "readline",
  "readline/promises", "repl", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
  "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", "test",
]);

/**
 * Packages whose work happens on a remote service: their time is the service's, which a cost rule
 * (modelled) or a latency/response rule for the host (when the package runs and calls over HTTP) sets.
 */
const REMOTE_SERVICE = /^(@aws-sdk\/|aws-sdk$|@azure\/|@google-cloud\/|googleapis$|firebase-admin$|firebase$|openai$|@anthropic-ai\/|@google\/generative-ai$|@google\/genai$|cohere-ai$|replicate$|@pinecone-database\/|@supabase\/|stripe$|twilio$|@sendgrid\/|@slack\/|@octokit\/|pg$|mysql2?$|mongodb$|mongoose$|redis$|ioredis$|@upstash\/|@planetscale\/|@neondatabase\/|@prisma\/client$|@vercel\/(kv|postgres|blob)$|kafkajs$|amqplib$|nodemailer$|@elastic\/|algoliasearch$|@langchain\/|langchain$)/;

export type Absence =
  | { kind: "package"; name: string; project: boolean }
  | { kind: "builtin"; name: string }
  | { kind: "relative-editor"; specifier: string }
  | { kind: "relative-missing"; specifier: string; from: string }
  | { kind: "native"; name: string; reason: string }
  | { kind: "not-exported"; name: string; subpath: string };

function modelIt(name: string, example: string): string {
  return `model it (--model ${name}, the editor's "Modelled modules", or simulate.model: [${name}] in frontmatter) and give its slow calls a cost rule, e.g. --cost '${example}=2' (seconds per call)`;
}

/** The way forward for one missing import. */
export function hintFor(absence: Absence): string {
  switch (absence.kind) {
    case "builtin":
      return `node:${absence.name} is a Node built-in the simulator does not provide; ${modelIt(absence.name, `${absence.name}.*`)}`;
    case "relative-editor":
      return `another file of your project: the editor holds one file; the CLI loads the handler's folder (npx deadline simulate path/to/handler.ts), or paste what the handler needs from it into this file`;
    case "relative-missing":
      return `no file ${absence.specifier} next to ${absence.from} (tried it as written, with .js/.ts/.mjs/.cjs/.json, and as a folder with an index file)`;
    case "native":
      return `${absence.name} has native code (${absence.reason}), which cannot run in the simulator; ${modelIt(absence.name, `${absence.name}.*`)}`;
    case "not-exported":
      return `${absence.name} does not export ${absence.subpath} (its package.json "exports" has no entry for it)`;
    case "package": {
      const where = absence.project
        ? `${absence.name} is not installed in the project's node_modules (install it so the CLI can load it)`
        : `${absence.name} is not one of the simulator's packages (the editor holds one file; the CLI loads pure-JS packages from the handler's node_modules)`;
      const remote = REMOTE_SERVICE.test(absence.name)
        ? `; it talks to a remote service: loaded from node_modules its HTTP calls take the --latency and --respond rules for their host, or ${modelIt(absence.name, `${absence.name}.*`)} for the service's time`
        : `; or ${modelIt(absence.name, `${absence.name}.*`)}`;
      return `${where}${remote}`;
    }
  }
}

/** The message of an ImportsUnavailable error: every missing import, each with its way forward. */
export function unavailableMessage(imports: UnavailableImport[]): string {
  const head = imports.length === 1 ? "1 import is not available in the simulator, so the handler was not run:" : `${imports.length} imports are not available in the simulator, so the handler was not run:`;
  const lines = imports.map((item) => `  ${item.line !== null ? `line ${item.line}` : "an import"}: ${item.module}: ${item.hint}`);
  return [head, ...lines].join("\n");
}
