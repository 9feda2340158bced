// One simulation, phase by phase: the module body (init), the invocation, reading a Response
// body, and background work registered with waitUntil. The run owns the virtual loop and the
// per-run state; injected.ts builds what user code sees, results.ts shapes how it ended.

import type { EnginePreset } from "../engine";
import type { LatencyRules } from "../latency";
import type { ProjectSpec, SimulationRequest, SimulationResult } from "../types";
import { createCostModel, createResponder, worldOf } from "../world";
import type { SourceMap } from "./call-site";
import { format } from "./console";
import { operationLine } from "./call-site";
import { chooseEntry } from "./choose-entry";
import { invoke, isWebFamily, type Family, type Outcome, type Registered } from "./entry";
import { generatorOutcome, iteratorKind } from "./runtimes";
import type { Host } from "./host";
import { compileModule, environmentOf, INJECTED, injectGlobals, lambdaContext, lineOffset, MODULE_HEADER, restoreGlobals, webContext, type ModuleFunction } from "./injected";
import { CPU_PLATFORM_WALL_CAP_MS, RunResults, type RunState } from "./results";
import { unavailableMessage } from "./imports";
import { ScanFailure } from "./loader";
import type { ProjectFiles } from "./resolve";
import type { RunContext } from "./run-context";
import type { TransformedCode } from "./transform";
import { VirtualLoop, type SpanDraft } from "./virtual-loop";

export type RunOptions = {
  /** Node hosts: reads the handler's project from disk (lib/runner/node/project-files.ts); absent in browsers */
  projectFiles?: (project: ProjectSpec) => ProjectFiles;
  /** real ms one synchronous stretch of user code may run before it is stopped as a runaway */
  runawayMs?: number;
  /** real ms a whole run may take before the simulator gives up */
  budgetMs?: number;
};

const DEFAULT_RUNAWAY_MS = 3000;
const DEFAULT_BUDGET_MS = 10_000;
const MAX_SPANS = 2000;
/** Lambda's INIT phase limit; past it the init is redone inside the invoke and counts. */
const INIT_LIMIT_MS = 10_000;
/** Workers' ctx.waitUntil work is cancelled this long after the response. */
const WAIT_UNTIL_LIMIT_MS = 30_000;

/** One simulation: owns the loop, the per-run state and the phases. */
export class Run implements RunState {
  readonly loop: VirtualLoop;
  readonly ctx: RunContext;
  readonly map: SourceMap;
  readonly timeoutMs: number;
  clockStart = { wall: 0, cpu: 0 };
  handlerSpan: SpanDraft | null = null;
  handlerClosed = false;
  private readonly results: RunResults;
  private readonly registered: Registered = { serve: null, fetchListener: null, registrations: [] };
  private readonly env: Record<string, string>;
  private readonly globalKeysBefore: Set<PropertyKey>;
  private countsInit: boolean;
  private readonly background = { registered: 0, settled: 0, errors: [] as unknown[] };

  constructor(
    private readonly host: Host,
    private readonly request: SimulationRequest,
    readonly preset: EnginePreset,
    private readonly options: RunOptions,
    private readonly code: TransformedCode,
    private readonly filename: string,
    readonly requestId: string,
    readonly family: Family,
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
      source: code.code,
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
    this.results = new RunResults(this);
    this.env = { ...environmentOf(family), ...(preset.env ?? {}) };
    this.globalKeysBefore = new Set(Reflect.ownKeys(globalThis));
    this.loop.onFault = (error, kind) => this.results.isFatal(error, kind);
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
      restoreGlobals(this.globalKeysBefore);
    }
  }

  private async simulate(): Promise<SimulationResult> {
    const { loop, results } = this;
    const moduleObject = { exports: {} as unknown };
    let files: ProjectFiles | null = null;
    if (this.request.project && this.options.projectFiles) {
      try {
        files = this.options.projectFiles(this.request.project);
      } catch (error) {
        return results.errorResult({ type: "ProjectError", message: error instanceof Error ? error.message : String(error), line: null }, true);
      }
    }
    const { values: injected, loader } = injectGlobals(
      {
        ctx: this.ctx,
        family: this.family,
        env: this.env,
        filename: this.filename,
        registered: this.registered,
        waitUntil: this.registerBackground,
        files,
        model: this.request.model ?? [],
        netlify: /netlify/i.test(this.preset.id),
      },
      moduleObject,
    );

    // ---- every import answered before anything runs: all the missing ones are reported at once
    try {
      const unavailable = loader.scan(this.code);
      if (unavailable.length > 0) {
        const first = unavailable[0]?.line ?? null;
        return results.errorResult({ type: "ImportsUnavailable", message: unavailableMessage(unavailable), line: first, imports: unavailable }, true);
      }
    } catch (error) {
      if (error instanceof ScanFailure) return results.errorResult(error.error, true);
      throw error;
    }

    let moduleFn: ModuleFunction;
    try {
      moduleFn = compileModule(this.code.code, this.filename)(...INJECTED.map((name) => injected[name]));
    } catch (error) {
      // acorn accepted the code, so this is an engine-specific early error without a position
      return results.errorResult({ type: "SyntaxError", message: error instanceof Error ? error.message : String(error), line: null });
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
        return results.errorResult({ type: "Error", message: "Detected unsettled top-level await: the module's top-level await can never finish", line: null });
      }
      return results.finishUnsettled(exit);
    }
    const init = initOutcome as Outcome | null;
    if (init?.kind === "error") return results.outcomeError(init);

    // ---- the invocation
    const exportLines = new Map(this.code.exports.map((item) => [item.name, item.line]));
    const choice = chooseEntry({
      moduleExports: moduleObject.exports,
      registered: this.registered,
      family: this.family,
      event: this.request.event,
      platformId: this.preset.id,
      handler: this.request.handler,
      exportLine: (name) => exportLines.get(name) ?? null,
      siteLine: (site) => operationLine(site.stack, this.map),
    });
    if ("error" in choice) return results.errorResult(choice.error, choice.error.type === "EntryPointError");
    const { entry } = choice;
    if (!this.countsInit) this.clockStart = { wall: loop.now(), cpu: loop.cpu() };
    loop.limits = this.handlerLimits();
    this.handlerSpan = loop.addSpan({ kind: "handler", startMs: loop.now(), endMs: loop.now(), label: entry.label });
    loop.enter();
    const fetch = injected.fetch as (input: unknown) => Promise<Response>;
    const log = (injected.console as { log: (...args: unknown[]) => void }).log;
    const invocation = invoke(entry, {
      ctx: this.ctx,
      family: this.family,
      event: this.event(moduleObject.exports),
      lambdaContext: (callbacks) => lambdaContext({ ctx: this.ctx, requestId: this.requestId, deadline: () => this.clockStart.wall + this.timeoutMs }, callbacks),
      webContext: (request) => ({
        ...webContext(this.requestId, this.registerBackground),
        // Netlify's context: the URL, and Edge Functions' next(), which fetches the request from the origin
        ...(request ? { url: new URL(request.url), next: (other?: Request) => fetch(other ?? request) } : {}),
      }),
      env: this.env,
      requestId: this.requestId,
      nowMs: () => this.ctx.epoch + loop.now(),
      log: (args) => log(...args),
    });
    exit = await loop.runUntil(invocation.settled, invocation.keepAlive);
    if (exit !== "done" && exit !== "idle") return results.finishUnsettled(exit);
    const outcome: Outcome | "hang" = exit === "idle" ? invocation.onIdle() : invocation.outcome();
    if (outcome === "hang") return results.timeoutResult(null);
    if (outcome.kind === "error") return results.outcomeError(outcome);
    // no Node platform iterates a returned generator: reporting it as an answer would be a guess
    const iterator = iteratorKind(outcome.result);
    if (iterator) return results.outcomeError(generatorOutcome(iterator, this.preset.id));

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
      if (exit === "idle") return results.timeoutResult(null);
      if (exit !== "done") return results.finishUnsettled(exit);
      const read = body as { text: string } | { error: unknown } | null;
      if (read && "error" in read) return results.outcomeError({ kind: "error", error: read.error });
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
      if (exit === "stopped" || exit === "fault" || exit === "budget") return results.finishUnsettled(exit);
      if (exit === "deadline" && this.preset.clock === "wall") return results.finishUnsettled(exit);
      // On a CPU platform the 30 s cut-off cancels the background work and the answer stands;
      // an idle loop means the remaining promises can never settle, which is not an error either.
      const [first] = background.errors;
      if (first !== undefined) this.ctx.stdout.push(`Uncaught (in waitUntil) ${format([first], this.map)}`);
    }
    return results.okResult(result);
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

  // ------------------------------------------------------------------ the platform's side

  private event(moduleExports: unknown): unknown {
    const event = this.request.event;
    if (event === undefined) {
      // A Netlify scheduled function (config.schedule) is invoked with a POST whose body is
      // {"next_run": ISO time} (https://docs.netlify.com/build/functions/scheduled-functions/)
      const config = (moduleExports as { config?: { schedule?: unknown } } | null)?.config;
      if (/netlify/i.test(this.preset.id) && typeof config?.schedule === "string") {
        return { method: "POST", body: { next_run: new Date(this.ctx.epoch + 60_000).toISOString() } };
      }
      return {};
    }
    try {
      return structuredClone(event);
    } catch {
      return event;
    }
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
}
