// The JavaScript/TypeScript engine of the simulator. It runs inside a worker (a browser Web
// Worker or a Node worker_thread, never the page's main thread): user code is compiled with
// `new Function` and sees only virtual clocks, a simulated network and a per-run global scope.
//
// THIS EVALUATES UNTRUSTED CODE. It is only safe inside a worker the host can terminate, with no
// credentials or DOM in reach; the loop guard stops runaway code, the worker boundary contains it.

import type { Engine, EnginePreset } from "../engine";
import { routeMaxDuration } from "../platforms/vercel";
import type { SimulationRequest, SimulationResult } from "../types";
import { familyOf } from "./entry";
import { createHost, type Host } from "./host";
import { Run, type RunOptions } from "./run";
import { transformUserCode } from "./transform";

/** What the engine needs of a platform preset; `timeout` is the resolved deadline (lib/runner/prepare). */
export type JsPlatformPreset = EnginePreset;

export type JsEngineOptions = RunOptions;

export type JsEngine = Engine;

export function createJsEngine(options: JsEngineOptions = {}): JsEngine {
  let hostPromise: Promise<Host> | null = null;
  // Runs share one thread and one set of real globals, so they take turns.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(request, preset, hooks) {
      hostPromise ??= createHost().then(async (host) => {
        await warmUp(host, options);
        return host;
      });
      const next = queue.then(async () => runOnce(await (hostPromise as Promise<Host>), request, preset, hooks?.onOutput ? { ...options, onOutput: hooks.onOutput } : options));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

const WARM_UP_PRESET: JsPlatformPreset = { id: "warm-up", clock: "cpu", timeout: 10, countsInit: false, message: () => "" };

const WARM_UP_CODE = [
  `type Reply = { ok: boolean };
export const handler = async (event: unknown, context: { getRemainingTimeInMillis(): number }) => {
  const started = Date.now();
  await new Promise((r) => setTimeout(r, 10));
  const res = await fetch("https://warm.up/", { signal: AbortSignal.timeout(1000) });
  const body = (await res.json()) as Reply;
  for (let i = 0; i < 100; i++) {}
  console.log("warm", body, performance.now(), context.getRemainingTimeInMillis());
  return { took: Date.now() - started, body };
};`,
  `export default {
  async fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 5)));
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(request.url));
    try { JSON.parse("{"); } catch (error) { console.error(error); }
    return Response.json({ url: request.url });
  },
};`,
];

/**
 * The first run in a fresh worker would otherwise pay for compiling the engine's own code, and
 * on a CPU-clock platform that cost would be billed to the user (a Workers limit is 10 ms).
 */
async function warmUp(host: Host, options: JsEngineOptions): Promise<void> {
  for (const [index, code] of WARM_UP_CODE.entries()) {
    const language = index === 0 ? "typescript" : "javascript";
    await runOnce(host, { language, code, platform: WARM_UP_PRESET.id }, WARM_UP_PRESET, options).catch(() => undefined);
  }
}

function defaultFilename(language: SimulationRequest["language"]): string {
  return language === "typescript" ? "handler.ts" : "handler.js";
}

/** A sourceURL must be one token; anything else in a file name would break stack matching. */
function safeFilename(name: string): string {
  return name.replace(/[^\w.\-/]/g, "_").replace(/^\/+/, "") || "handler.js";
}

async function runOnce(host: Host, request: SimulationRequest, preset: JsPlatformPreset, options: JsEngineOptions): Promise<SimulationResult> {
  const timeoutSeconds = preset.timeout;
  const requestId = host.randomUUID();
  const family = familyOf(preset.id);
  const filename = safeFilename(request.filename ?? defaultFilename(request.language));
  const base = {
    platform: preset.id,
    deadlineSeconds: timeoutSeconds,
  };

  if (request.language === "python") {
    return {
      ...base,
      verdict: "error",
      elapsedSeconds: 0,
      line: null,
      error: { type: "UnsupportedLanguage", message: "the JavaScript engine runs JavaScript and TypeScript only", line: null },
      platformMessage: null,
      stdout: "",
      timeline: [],
    };
  }

  const transformed = transformUserCode(request.code, { typescript: request.language === "typescript" || /\.(c|m)?tsx?$/.test(filename), filename });
  if (!transformed.ok) {
    const error = transformed.error;
    return {
      ...base,
      verdict: "error",
      elapsedSeconds: 0,
      line: error.line,
      error: { type: error.type, message: error.message, line: error.line },
      platformMessage: preset.message({ timeout: timeoutSeconds, elapsed: 0, requestId, kind: "error" }),
      stdout: "",
      timeline: [],
    };
  }

  // A route's own maxDuration is read at build time: out of range, the deployment fails before any
  // request runs; in range, it replaces the project default as the deadline.
  const routeDuration = routeMaxDuration(preset.id, request.code, request.filename ?? filename, preset.plan);
  if (routeDuration.kind === "invalid") {
    const error = { type: "Error", message: routeDuration.message, line: routeDuration.line };
    return { ...base, verdict: "error", elapsedSeconds: 0, line: error.line, error, platformMessage: `Error: ${error.message}`, stdout: "", timeline: [] };
  }
  const effective = routeDuration.kind === "ok" ? { ...preset, timeout: routeDuration.seconds } : preset;

  const run = new Run(host, request, effective, options, transformed, filename, requestId, family);
  return run.execute();
}
