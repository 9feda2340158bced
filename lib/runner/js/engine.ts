// The JavaScript/TypeScript engine of the simulator. It runs inside a worker (a browser Web
// Worker or a Node worker_thread, never the page's main thread): user code is compiled with
// `new Function` and sees only virtual clocks, a simulated network and a per-run global scope.
//
// THIS EVALUATES UNTRUSTED CODE. It is only safe inside a worker the host can terminate, with no
// credentials or DOM in reach; the loop guard stops runaway code, the worker boundary contains it.

import type { Engine, EnginePreset } from "../engine";
import type { LatencyRules } from "../latency";
import { createCostModel, createResponder, worldOf } from "../world";
import { routeMaxDuration } from "../platforms/vercel";
import type { SimulationError, SimulationRequest, SimulationResult, Span } from "../types";
import { errorLine, operationLine, type SourceMap } from "./call-site";
import { createDate, createPerformance, createProcess, createTimers } from "./clock";
import { createConsole, format } from "./console";
import { findEntry, familyOf, invoke, isWebFamily, type Family, type Outcome, type Registered } from "./entry";
import { createHost, type Host } from "./host";
import { createRequire } from "./modules";
import { createAbortSignal, createFetch } from "./network";
import type { RunContext } from "./run-context";
import { GUARD_CHECK, GUARD_COUNTER, GUARD_STATE, transformUserCode, type TransformedCode } from "./transform";
import { SimulatorStop, VirtualLoop, type LoopExit, type Op, type SpanDraft } from "./virtual-loop";

/** What the engine needs of a platform preset; `timeout` is the resolved deadline (lib/runner/prepare). */
export type JsPlatformPreset = EnginePreset;

export type JsEngineOptions = {
  /** real ms one synchronous stretch of user code may run before it is stopped as a runaway */
  runawayMs?: number;
  /** real ms a whole run may take before the simulator gives up */
  budgetMs?: number;
};

export type JsEngine = Engine;

const DEFAULT_RUNAWAY_MS = 3000;
const DEFAULT_BUDGET_MS = 10_000;
const MAX_SPANS = 2000;
/** Lambda's INIT phase limit; past it the init is redone inside the invoke and counts. */
const INIT_LIMIT_MS = 10_000;
/** Workers' ctx.waitUntil work is cancelled this long after the response. */
const WAIT_UNTIL_LIMIT_MS = 30_000;
/** CPU-clock platforms have no wall limit; a run that waits this long is not going to answer. */
const CPU_PLATFORM_WALL_CAP_MS = 15 * 60_000;

const NOT_FOUND_MESSAGE =
  "no handler found: export handler (Lambda/Netlify), export default { fetch } (Workers/Deno), export async function GET/POST (Vercel/Next), export default function, or call Deno.serve(fn)";

export function createJsEngine(options: JsEngineOptions = {}): JsEngine {
  let hostPromise: Promise<Host> | null = null;
  // Runs share one thread and one set of real globals, so they take turns.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(request, preset) {
      hostPromise ??= createHost().then(async (host) => {
        await warmUp(host, options);
        return host;
      });
      const next = queue.then(async () => runOnce(await (hostPromise as Promise<Host>), request, preset, options));
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

// The wrapper's parameter list: everything user code reaches by a free name goes through here.
const INJECTED = [
  "exports",
  "require",
  "module",
  "__filename",
  "__dirname",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "queueMicrotask",
  "Date",
  "performance",
  "fetch",
  "AbortSignal",
  "console",
  "process",
  "Deno",
  "crypto",
  "addEventListener",
  "globalThis",
  "global",
  "self",
  GUARD_COUNTER,
  GUARD_CHECK,
  GUARD_STATE,
] as const;

type Injected = Record<(typeof INJECTED)[number], unknown>;

/**
 * The module body is an async function (top-level await, top-level return) nested in a function
 * whose parameters are the injected names: nested, so a user's own `const crypto = require(...)`
 * or `const { setTimeout } = require("timers/promises")` shadows the injected name instead of
 * being a redeclaration. The header shares the user's first line, so lines stay put.
 */
const MODULE_HEADER = "return async function () {";

function compileModule(code: string, filename: string): (...injected: unknown[]) => (this: unknown) => Promise<unknown> {
  return new Function(...INJECTED, `${MODULE_HEADER}${code}\n};\n//# sourceURL=${filename}`) as (...injected: unknown[]) => (this: unknown) => Promise<unknown>;
}

let lineOffsetCache: number | null = null;

/** Lines the compiled wrapper puts before the body in stack traces (2 in V8), probed once. */
function lineOffset(): number {
  if (lineOffsetCache !== null) return lineOffsetCache;
  const stack = (new Function("return new Error('probe').stack\n//# sourceURL=deadline-line-probe.js") as () => string)();
  const match = /deadline-line-probe\.js:(\d+):/.exec(String(stack));
  lineOffsetCache = match ? Number(match[1]) - 1 : 2;
  return lineOffsetCache;
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

/** One simulation: owns the loop, the injected globals and the result. */
class Run {
  private readonly loop: VirtualLoop;
  private readonly ctx: RunContext;
  private readonly map: SourceMap;
  private readonly timeoutMs: number;
  private readonly registered: Registered = { serve: null, fetchListener: null, httpFunction: null };
  private readonly env: Record<string, string>;
  private readonly globalKeysBefore: Set<PropertyKey>;
  private countsInit: boolean;
  /** virtual wall ms / CPU ms at which the platform's clock starts */
  private clockStart = { wall: 0, cpu: 0 };
  private handlerSpan: SpanDraft | null = null;
  private handlerClosed = false;
  private readonly background = { registered: 0, settled: 0, errors: [] as unknown[] };

  constructor(
    private readonly host: Host,
    private readonly request: SimulationRequest,
    private readonly preset: JsPlatformPreset,
    options: JsEngineOptions,
    private readonly code: TransformedCode,
    private readonly filename: string,
    private readonly requestId: string,
    private readonly family: Family,
  ) {
    this.timeoutMs = preset.timeout * 1000;
    this.countsInit = preset.countsInit;
    this.loop = new VirtualLoop(host, {
      runawayMs: options.runawayMs ?? DEFAULT_RUNAWAY_MS,
      budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
      maxSpans: MAX_SPANS,
    });
    this.map = { filename, lineOffset: lineOffset(), firstLineShift: MODULE_HEADER.length, functions: code.functions, lineStarts: code.lineStarts };
    this.ctx = {
      host,
      loop: this.loop,
      map: this.map,
      epoch: host.epochNow(),
      latency: (request.latency ?? {}) as LatencyRules,
      responder: createResponder(worldOf(request)),
      costs: createCostModel(worldOf(request)),
      webTimers: isWebFamily(family),
      platformId: preset.id,
      stdout: [],
      errorSites: new WeakMap(),
      finished: false,
    };
    this.env = this.environment();
    this.globalKeysBefore = new Set(Reflect.ownKeys(globalThis));
    this.loop.onFault = (error, kind) => this.isFatal(error, kind);
  }

  async execute(): Promise<SimulationResult> {
    this.host.onAsyncFault((fault) => this.loop.fault(fault.reason, fault.kind));
    this.host.busy(true);
    try {
      return await this.simulate();
    } finally {
      this.host.busy(false);
      this.host.onAsyncFault(null);
      this.ctx.finished = true;
      this.loop.dispose();
      this.restoreGlobals();
    }
  }

  private async simulate(): Promise<SimulationResult> {
    const { loop } = this;
    const moduleObject = { exports: {} as unknown };
    const injected = this.inject(moduleObject);
    let moduleFn: (this: unknown) => Promise<unknown>;
    try {
      moduleFn = compileModule(this.code.code, this.filename)(...INJECTED.map((name) => injected[name]));
    } catch (error) {
      // acorn accepted the code, so this is an engine-specific early error without a position
      return this.errorResult({ type: "SyntaxError", message: error instanceof Error ? error.message : String(error), line: null });
    }

    // ---- init: the module body, including top-level await
    loop.limits = this.countsInit ? this.handlerLimits() : this.initLimits();
    const initSpan = loop.addSpan({ kind: "init", startMs: 0, endMs: 0, label: "module init" });
    let initOutcome: Outcome | null = null;
    loop.enter();
    moduleFn.call(moduleObject.exports).then(
      () => {
        initOutcome = { kind: "ok", result: undefined };
      },
      (error: unknown) => {
        initOutcome = { kind: "error", error };
      },
    );
    let exit = await loop.runUntil(() => initOutcome !== null, "any");
    if (exit === "deadline" && !this.countsInit) {
      // Lambda gives INIT 10 s; past that it re-runs init inside the invoke, against the timeout.
      this.countsInit = true;
      loop.limits = this.handlerLimits();
      exit = await loop.runUntil(() => initOutcome !== null, "any");
    }
    if (initSpan) initSpan.endMs = loop.now();
    if (exit !== "done") {
      if (exit === "idle") {
        return this.errorResult({ type: "Error", message: "Detected unsettled top-level await: the module's top-level await can never finish", line: null });
      }
      return this.finishUnsettled(exit);
    }
    const init = initOutcome as Outcome | null;
    if (init?.kind === "error") return this.outcomeError(init);

    // ---- the invocation
    const entry = findEntry(moduleObject.exports, this.registered, this.family, this.request.event, this.preset.id);
    if (!entry) return this.errorResult({ type: "Runtime.HandlerNotFound", message: NOT_FOUND_MESSAGE, line: null });
    if (!this.countsInit) this.clockStart = { wall: loop.now(), cpu: loop.cpu() };
    loop.limits = this.handlerLimits();
    this.handlerSpan = loop.addSpan({ kind: "handler", startMs: loop.now(), endMs: loop.now(), label: entry.label });
    loop.enter();
    const invocation = invoke(entry, {
      ctx: this.ctx,
      family: this.family,
      event: this.event(),
      lambdaContext: (callbacks) => this.lambdaContext(callbacks),
      webContext: () => this.webContext(),
      env: this.env,
    });
    exit = await loop.runUntil(invocation.settled, invocation.keepAlive);
    if (exit !== "done" && exit !== "idle") return this.finishUnsettled(exit);
    const outcome: Outcome | "hang" = exit === "idle" ? invocation.onIdle() : invocation.outcome();
    if (outcome === "hang") return this.timeoutResult(null);
    if (outcome.kind === "error") return this.outcomeError(outcome);

    // ---- a Response body is part of the answer: streaming it takes time too
    let result = outcome.result;
    if (typeof Response !== "undefined" && result instanceof Response) {
      const response = result;
      let body: { text: string } | { error: unknown } | null = null;
      loop.enter();
      response.text().then(
        (text) => {
          body = { text };
        },
        (error: unknown) => {
          body = { error };
        },
      );
      exit = await loop.runUntil(() => body !== null, "any");
      if (exit === "idle") return this.timeoutResult(null);
      if (exit !== "done") return this.finishUnsettled(exit);
      const read = body as { text: string } | { error: unknown } | null;
      if (read && "error" in read) return this.outcomeError({ kind: "error", error: read.error });
      result = { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: read ? read.text : "" };
    }
    const answeredAt = loop.now();
    if (this.handlerSpan) this.handlerSpan.endMs = answeredAt;
    this.handlerClosed = true;

    // ---- background work registered with waitUntil runs on after the answer
    if (this.background.registered > 0) {
      const background = this.background;
      if (this.preset.clock === "cpu") loop.limits = { ...loop.limits, wall: answeredAt + WAIT_UNTIL_LIMIT_MS };
      exit = await loop.runUntil(() => background.settled === background.registered, "any");
      if (exit === "stopped" || exit === "fault" || exit === "budget") return this.finishUnsettled(exit);
      if (exit === "deadline" && this.preset.clock === "wall") return this.finishUnsettled(exit);
      // On a CPU platform the 30 s cut-off cancels the background work and the answer stands;
      // an idle loop means the remaining promises can never settle, which is not an error either.
      const [first] = background.errors;
      if (first !== undefined) this.ctx.stdout.push(`Uncaught (in waitUntil) ${format([first], this.map)}`);
    }
    return this.okResult(result);
  }

  // ------------------------------------------------------------------ limits

  private handlerLimits() {
    const { wall, cpu } = this.clockStart;
    if (this.preset.clock === "cpu") return { wall: wall + CPU_PLATFORM_WALL_CAP_MS, cpu: cpu + this.timeoutMs };
    return { wall: wall + this.timeoutMs, cpu: null };
  }

  private initLimits() {
    if (this.preset.clock === "cpu") return { wall: CPU_PLATFORM_WALL_CAP_MS, cpu: INIT_LIMIT_MS };
    return { wall: INIT_LIMIT_MS, cpu: null };
  }

  // ------------------------------------------------------------------ results

  private elapsedMs(): number {
    return this.preset.clock === "cpu" ? this.loop.cpu() - this.clockStart.cpu : this.loop.now() - this.clockStart.wall;
  }

  private finishUnsettled(exit: LoopExit): SimulationResult {
    const { loop } = this;
    if (exit === "fault" && loop.fatal) return this.faultResult(loop.fatal.error, loop.fatal.kind);
    if (exit === "stopped" && loop.stop) {
      const runaway = loop.stop.reason === "runaway";
      const result = this.timeoutResult(loop.stop.line, runaway ? "busy loop: stopped after running for seconds without yielding; it would run on to the deadline" : "busy loop ran into the deadline");
      return runaway ? { ...result, runaway: true } : result;
    }
    if (exit === "budget") {
      if (this.preset.clock === "cpu") {
        return this.errorResult({ type: "SimulationLimit", message: "the run kept waking timers for too long to simulate; it would not finish", line: this.blameLine() }, true);
      }
      // A run still waking timers after the budget (say a 1 ms setInterval under a 15 min
      // timeout) is extrapolated: nothing suggests it stops before the deadline.
      return this.timeoutResult(this.blameLine(), "still running when the simulator's budget ran out; extrapolated to the deadline");
    }
    if (exit === "deadline" && this.preset.clock === "cpu" && loop.cpu() < (loop.limits.cpu ?? Infinity)) {
      return this.errorResult({
        type: "SimulationLimit",
        message: `still waiting after ${Math.round(CPU_PLATFORM_WALL_CAP_MS / 60_000)} minutes of virtual time; a client would have given up long before`,
        line: this.blameLine(),
      }, true);
    }
    // CPU work that ran past the limit is to blame: the loop it was busy in, else the code that
    // resumed after the awaited operation; otherwise what the code was waiting for.
    if (loop.overshoot) {
      const resumed = loop.overshoot.resumedFrom ? operationLine(loop.overshoot.resumedFrom.stack, this.map) : null;
      return this.timeoutResult(loop.overshoot.line ?? resumed);
    }
    return this.timeoutResult(this.blameLine());
  }

  /** The pending operation the code was most likely awaiting at the deadline. */
  private blameLine(): number | null {
    const pending = this.loop.pending().filter((op) => op.kind !== "signal" && op.kind !== "immediate");
    const pick = (ops: Op[]) =>
      ops.reduce<Op | null>((best, op) => (!best || op.slice > best.slice || (op.slice === best.slice && op.due > best.due) ? op : best), null);
    // What the code did last wins (sequential awaits); among operations started together
    // (Promise.all), the one finishing last; intervals only when nothing else is pending.
    const op = pick(pending.filter((candidate) => candidate.interval === 0)) ?? pick(pending);
    return op?.site ? operationLine(op.site.stack, this.map) : null;
  }

  private timeoutResult(line: number | null, note?: string): SimulationResult {
    const { loop } = this;
    const limits = this.preset.clock === "cpu" ? { wall: null, cpu: this.clockStart.cpu + this.timeoutMs } : { wall: this.clockStart.wall + this.timeoutMs, cpu: null };
    loop.clampTo(limits);
    const endMs = this.preset.clock === "cpu" ? loop.now() : (limits.wall as number);
    if (note) {
      // the runaway slice has not been billed yet when the guard stops it mid-loop; show it
      const lastCpu = [...loop.spans].reverse().find((span) => span.kind === "cpu");
      if (lastCpu && lastCpu.endMs >= endMs - 1) lastCpu.label = note;
      else loop.addSpan({ kind: "cpu", startMs: Math.min(loop.now(), endMs), endMs, line, label: note });
    }
    const elapsedSeconds = this.timeoutMs / 1000;
    return {
      platform: this.preset.id,
      deadlineSeconds: this.timeoutMs / 1000,
      verdict: "timeout",
      elapsedSeconds,
      line,
      error: null,
      platformMessage: this.preset.message({ timeout: this.timeoutMs / 1000, elapsed: elapsedSeconds, requestId: this.requestId, kind: "timeout" }),
      stdout: this.stdout(),
      timeline: this.timeline(endMs, "pending at the deadline"),
    };
  }

  private okResult(result: unknown): SimulationResult {
    const elapsedSeconds = round(this.elapsedMs() / 1000);
    return {
      platform: this.preset.id,
      deadlineSeconds: this.timeoutMs / 1000,
      verdict: "ok",
      elapsedSeconds,
      line: null,
      result: toJsonSafe(result),
      error: null,
      platformMessage: null,
      stdout: this.stdout(),
      timeline: this.timeline(this.loop.now()),
    };
  }

  /** `simulatorLimit`: the simulator gave up, so there is no platform text to show. */
  private errorResult(error: SimulationError, simulatorLimit = false): SimulationResult {
    const elapsedSeconds = round(Math.max(0, this.elapsedMs()) / 1000);
    return {
      platform: this.preset.id,
      deadlineSeconds: this.timeoutMs / 1000,
      verdict: "error",
      elapsedSeconds,
      line: error.line,
      error,
      platformMessage: simulatorLimit ? null : this.preset.message({ timeout: this.timeoutMs / 1000, elapsed: elapsedSeconds, requestId: this.requestId, kind: "error" }),
      stdout: this.stdout(),
      timeline: this.timeline(this.loop.now()),
    };
  }

  private outcomeError(outcome: Extract<Outcome, { kind: "error" }>): SimulationResult {
    if (outcome.errorType) return this.errorResult({ type: outcome.errorType, message: outcome.errorMessage ?? "", line: null });
    return this.errorResult(this.describeError(outcome.error));
  }

  private faultResult(error: unknown, kind: "rejection" | "exception"): SimulationResult {
    const described = this.describeError(error);
    if (kind === "rejection" && this.family === "lambda") {
      // Lambda's runtime wraps it: errorType Runtime.UnhandledPromiseRejection, message String(reason)
      return this.errorResult({ type: "Runtime.UnhandledPromiseRejection", message: safeString(error), line: described.line });
    }
    return this.errorResult(described);
  }

  private describeError(error: unknown): SimulationError {
    const site = typeof error === "object" && error !== null ? this.ctx.errorSites.get(error) : undefined;
    const line = site ? operationLine(site.stack, this.map) : errorLine(error, this.map);
    if (error instanceof SimulatorStop) return { type: "SimulatorStop", message: error.message, line };
    if (typeof error === "object" && error !== null && typeof (error as Error).message === "string" && typeof (error as Error).name === "string") {
      return { type: (error as Error).name, message: (error as Error).message, line };
    }
    // Lambda reports a non-Error value by its typeof ("string" for callback("boom"))
    return { type: typeof error, message: safeString(error), line };
  }

  private isFatal(error: unknown, kind: "rejection" | "exception"): boolean {
    if (this.family === "workers") {
      // Workers log an uncaught error in a timer or a floating promise; the request goes on
      this.ctx.stdout.push(`Uncaught${kind === "rejection" ? " (in promise)" : ""} ${format([error], this.map)}`);
      return false;
    }
    return true;
  }

  private stdout(): string {
    return this.ctx.stdout.length > 0 ? `${this.ctx.stdout.join("\n")}\n` : "";
  }

  private timeline(endMs: number, pendingNote = "still pending when the run ended"): Span[] {
    const spans: Span[] = [];
    for (const draft of this.loop.spans) {
      const start = Math.min(draft.startMs, endMs);
      const open = draft.open === true && draft.endMs > endMs;
      const end = Math.max(start, Math.min(draft.endMs, endMs));
      const line = draft.line !== undefined && draft.line !== null ? draft.line : draft.site ? operationLine(draft.site.stack, this.map) : null;
      const closesAtEnd = draft === this.handlerSpan && !this.handlerClosed;
      const span: Span = { kind: draft.kind, start: round(start / 1000), end: round((closesAtEnd ? endMs : end) / 1000) };
      if (line !== null) span.line = line;
      const label = open ? `${draft.label ?? draft.kind} (${pendingNote})` : draft.label;
      if (label) span.label = label;
      if (draft.host !== undefined) span.host = draft.host;
      if (draft.latency !== undefined) span.latency = draft.latency;
      if (draft.status !== undefined) span.status = draft.status;
      if (draft.answer !== undefined) span.answer = draft.answer;
      if (draft.cost !== undefined) span.cost = draft.cost;
      spans.push(span);
    }
    if (this.loop.droppedSpans > 0) {
      spans.push({ kind: "timer", start: round(endMs / 1000), end: round(endMs / 1000), label: `${this.loop.droppedSpans} more operations not shown` });
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  // ------------------------------------------------------------------ what user code sees

  private environment(): Record<string, string> {
    const env: Record<string, string> = { NODE_ENV: "production", TZ: "UTC" };
    if (this.family === "lambda") {
      Object.assign(env, {
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_LAMBDA_FUNCTION_NAME: "simulated-function",
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
        LAMBDA_TASK_ROOT: "/var/task",
      });
    }
    if (this.family === "node") Object.assign(env, { VERCEL: "1", VERCEL_REGION: "iad1" });
    return env;
  }

  private event(): unknown {
    const event = this.request.event;
    if (event === undefined) return {};
    try {
      return structuredClone(event);
    } catch {
      return event;
    }
  }

  private lambdaContext(callbacks: { succeed: (value: unknown) => void; fail: (error: unknown) => void; done: (error: unknown, value?: unknown) => void }) {
    const name = "simulated-function";
    let waits = true;
    const deadline = () => this.clockStart.wall + this.timeoutMs;
    return {
      get callbackWaitsForEmptyEventLoop() {
        return waits;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waits = value;
      },
      functionName: name,
      functionVersion: "$LATEST",
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
      memoryLimitInMB: "1024",
      awsRequestId: this.requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `${new Date(this.ctx.epoch).toISOString().slice(0, 10).replace(/-/g, "/")}/[$LATEST]${this.requestId.replace(/-/g, "")}`,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline() - this.loop.now())),
      succeed: callbacks.succeed,
      fail: callbacks.fail,
      done: callbacks.done,
    };
  }

  /** ctx.waitUntil / @vercel/functions waitUntil: background work the platform keeps running. */
  private readonly registerBackground = (promise: unknown) => {
    const background = this.background;
    background.registered++;
    Promise.resolve(promise).then(
      () => background.settled++,
      (error: unknown) => {
        background.settled++;
        background.errors.push(error);
      },
    );
  };

  private webContext(): Record<string, unknown> {
    const waitUntil = this.registerBackground;
    return {
      waitUntil,
      passThroughOnException: () => undefined,
      props: {},
      // Netlify's context fields
      requestId: this.requestId,
      params: {},
      geo: { city: "Ashburn", country: { code: "US", name: "United States" } },
      ip: "127.0.0.1",
      site: { id: "simulated", name: "simulated", url: "https://example.com" },
      account: { id: "simulated" },
      deploy: { id: "simulated", context: "production" },
      server: { region: "us-east-1" },
    };
  }

  private inject(moduleObject: { exports: unknown }): Injected {
    const ctx = this.ctx;
    const timers = createTimers(ctx);
    const log = createConsole(ctx);
    const performance = createPerformance(ctx);
    const process = createProcess(ctx, this.env, log.write);
    const fetch = createFetch(ctx);
    const AbortSignalVirtual = createAbortSignal(ctx);
    const DateVirtual = createDate(ctx);
    const crypto = this.crypto();
    const serve = (...args: unknown[]) => {
      const handler = args.find((arg) => typeof arg === "function") ?? (args[0] as { handler?: unknown } | undefined)?.handler;
      if (typeof handler === "function") this.registered.serve = handler as Registered["serve"];
      return {
        finished: new Promise(() => undefined),
        shutdown: async () => undefined,
        ref: () => undefined,
        unref: () => undefined,
        addr: { transport: "tcp", hostname: "0.0.0.0", port: 8000 },
      };
    };
    const waitUntil = this.registerBackground;
    const registerHttp = (handler: unknown) => {
      if (typeof handler === "function") this.registered.httpFunction = handler as Registered["httpFunction"];
    };
    const require = createRequire({ ctx, timers, fetch, performance, process, crypto, waitUntil, serve, registerHttp });
    const env = this.env;
    const Deno = {
      serve,
      env: {
        get: (key: string) => env[key],
        set: (key: string, value: string) => void (env[key] = value),
        has: (key: string) => key in env,
        delete: (key: string) => void delete env[key],
        toObject: () => ({ ...env }),
      },
      version: { deno: "2.1.4", v8: "13.0", typescript: "5.6" },
      build: { os: "linux", arch: "x86_64", target: "x86_64-unknown-linux-gnu" },
      args: [],
      pid: 1,
      exit: process.exit,
      cwd: () => "/",
    };
    const addEventListener = (type: string, listener: unknown) => {
      if (type === "fetch" && typeof listener === "function") this.registered.fetchListener = listener as Registered["fetchListener"];
    };
    const values: Omit<Injected, "globalThis" | "global" | "self"> = {
      exports: moduleObject.exports,
      require,
      module: moduleObject,
      __filename: `/var/task/${this.filename}`,
      __dirname: "/var/task",
      setTimeout: timers.setTimeout,
      setInterval: timers.setInterval,
      setImmediate: timers.setImmediate,
      clearTimeout: timers.clearTimeout,
      clearInterval: timers.clearInterval,
      clearImmediate: timers.clearImmediate,
      queueMicrotask: timers.queueMicrotask,
      Date: DateVirtual,
      performance,
      fetch,
      AbortSignal: AbortSignalVirtual,
      console: log,
      process,
      Deno: this.family === "deno" ? Deno : undefined,
      crypto,
      addEventListener: isWebFamily(this.family) ? addEventListener : undefined,
      [GUARD_COUNTER]: 0,
      [GUARD_CHECK]: this.loop.check,
      [GUARD_STATE]: this.loop.guardState,
    };
    const globalProxy = this.globalScope(values);
    return { ...values, globalThis: globalProxy, global: globalProxy, self: isWebFamily(this.family) ? globalProxy : undefined };
  }

  /** globalThis for user code: the injected names over the real global; writes stay in this run. */
  private globalScope(values: Record<string, unknown>): object {
    const overlay = new Map<PropertyKey, unknown>(Object.entries(values).filter(([key]) => !key.startsWith("__dl$") && !["exports", "require", "module", "__filename", "__dirname"].includes(key)));
    if (this.family !== "deno") overlay.delete("Deno");
    const bound = new Map<PropertyKey, unknown>();
    const real = globalThis as unknown as Record<PropertyKey, unknown>;
    // The proxy's target is a plain object, not the real global, so no invariant of the real
    // global's non-configurable properties can be violated by the overlay.
    const proxy: object = new Proxy(Object.create(null) as object, {
      get: (_target, key) => {
        if (key === "globalThis" || key === "global" || key === "self") return proxy;
        if (overlay.has(key)) return overlay.get(key);
        const value = real[key];
        // Web IDL functions such as structuredClone or atob reject a Proxy as `this`
        if (typeof value === "function" && !("prototype" in value)) {
          if (!bound.has(key)) bound.set(key, (value as (...args: unknown[]) => unknown).bind(globalThis));
          return bound.get(key);
        }
        return value;
      },
      set: (_target, key, value) => {
        // A new name goes on the real global, so a bare `name` finds it as it would in Node;
        // restoreGlobals() removes it after the run. Injected names and the host's own
        // globals are shadowed instead, so the next run still gets pristine built-ins.
        if (overlay.has(key) || key in real) overlay.set(key, value);
        else real[key] = value;
        return true;
      },
      has: (_target, key) => overlay.has(key) || key in real,
      deleteProperty: (_target, key) => {
        overlay.delete(key);
        return true;
      },
      ownKeys: () => [...new Set([...Reflect.ownKeys(real), ...overlay.keys()])].filter((key) => typeof key === "string" || typeof key === "symbol"),
      getOwnPropertyDescriptor: (_target, key) => {
        if (overlay.has(key)) return { value: overlay.get(key), writable: true, enumerable: true, configurable: true };
        const descriptor = Reflect.getOwnPropertyDescriptor(real, key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    });
    return proxy;
  }

  /** WebCrypto whose promises the loop waits for (they settle on a real host thread). */
  private crypto(): Crypto | undefined {
    const real = globalThis.crypto;
    if (!real) return undefined;
    const loop = this.loop;
    const subtle = new Proxy(real.subtle, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => loop.trackReal(Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)));
      },
    });
    return new Proxy(real, {
      get: (target, key) => {
        if (key === "subtle") return subtle;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Globals the user code created on the real global object (sloppy `x = 1`) go away. */
  private restoreGlobals(): void {
    const real = globalThis as unknown as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(globalThis)) {
      if (this.globalKeysBefore.has(key)) continue;
      try {
        delete real[key];
      } catch {
        // non-configurable: nothing more can be done without a fresh worker
      }
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The handler's answer as JSON would carry it: what Lambda serialises, what a UI can show. */
export function toJsonSafe(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const convert = (item: unknown, depth: number): unknown => {
    if (item === undefined || typeof item === "function" || typeof item === "symbol") return null;
    if (item === null || typeof item === "string" || typeof item === "boolean") return item;
    if (typeof item === "number") return Number.isFinite(item) ? item : null;
    if (typeof item === "bigint") return item.toString();
    if (depth > 50) return "[too deep]";
    const object = item as object;
    if (seen.has(object)) return "[Circular]";
    if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
      try {
        return convert((object as { toJSON: () => unknown }).toJSON(), depth + 1);
      } catch {
        return null;
      }
    }
    seen.add(object);
    try {
      if (Array.isArray(object)) return object.map((entry) => convert(entry, depth + 1));
      if (object instanceof Map) return Object.fromEntries([...object.entries()].map(([k, v]) => [String(k), convert(v, depth + 1)]));
      if (object instanceof Set) return [...object.values()].map((entry) => convert(entry, depth + 1));
      if (object instanceof Error) return { name: object.name, message: object.message };
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(object)) {
        if (entry === undefined || typeof entry === "function" || typeof entry === "symbol") continue;
        out[key] = convert(entry, depth + 1);
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };
  return convert(value, 0);
}
