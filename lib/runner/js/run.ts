// One simulation, phase by phase: the module body (init), the invocation, reading a Response
// body, and background work registered with waitUntil. The run owns the virtual loop and the
// per-run state; injected.ts builds what user code sees, results.ts shapes how it ended.

import type { EnginePreset } from "../engine";
import type { LatencyRules } from "../latency";
import type { Note, ProjectSpec, SimulationRequest, SimulationResult } from "../types";
import { createCostModel, createResponder, worldOf } from "../world";
import type { SourceMap } from "./call-site";
import { format } from "./console";
import { operationLine } from "./call-site";
import { chooseEntry } from "./choose-entry";
import { invoke, isWebFamily, type EntryPoint, type Family, type Outcome, type Registered } from "./entry";
import { generatorOutcome, iteratorKind } from "./runtimes";
import type { Host } from "./host";
import { compileModule, environmentOf, INJECTED, injectGlobals, lambdaContext, lineOffset, MODULE_HEADER, restoreGlobals, webContext, type ModuleFunction } from "./injected";
import { slackDefinition } from "./libraries/slack";
import { deadlineLimit, extraLimit, limitHit, loopLimits, type ActiveLimit } from "./limits";
import { RunResults, type RunState } from "./results";
import { unavailableMessage } from "./imports";
import { ScanFailure } from "./loader";
import type { ProjectFiles } from "./resolve";
import type { RunContext } from "./run-context";
import { TestSession, testRunnerOf } from "./test-runners";
import type { TransformedCode } from "./transform";
import { VirtualLoop, type LoopExit, type SpanDraft } from "./virtual-loop";

export type RunOptions = {
  /** Node hosts: reads the handler's project from disk (lib/runner/node/project-files.ts); absent in browsers */
  projectFiles?: (project: ProjectSpec) => ProjectFiles;
  /** real ms one synchronous stretch of user code may run before it is stopped as a runaway */
  runawayMs?: number;
  /** real ms a whole run may take before the simulator gives up */
  budgetMs?: number;
  /** hears each line of console output as it is written (RunHooks.onOutput) */
  onOutput?: (text: string) => void;
};

const DEFAULT_RUNAWAY_MS = 3000;
const DEFAULT_BUDGET_MS = 10_000;
const MAX_SPANS = 2000;
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
  limits: readonly ActiveLimit[] = [];
  entryName: string | null = null;
  readonly notes: Note[] = [];
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
      // The run's own start when the host gives one, so Date.now() agrees with the platform's log lines.
      epoch: request.startedAt ?? host.epochNow(),
      latency: (request.latency ?? {}) as LatencyRules,
      responder: createResponder(worldOf(request)),
      costs: createCostModel(worldOf(request)),
      webTimers: isWebFamily(family),
      platformId: preset.id,
      stdout: [],
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
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
    // a test runner preset: the file's tests are the entry, each against its own timeout
    const runner = testRunnerOf(this.preset.id);
    const session = runner ? new TestSession(runner, this.ctx, this.timeoutMs, this.filename) : null;
    if (session) {
      const fatal = this.loop.onFault;
      this.loop.onFault = (error, kind) => !session.uncaught(error) && fatal(error, kind);
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
        supabase: /supabase/i.test(this.preset.id),
        ...(session ? { testRunner: session.scope } : {}),
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
    // collecting a test file has no timeout of its own
    this.hold(session ? [] : this.countsInit ? this.handlerLimits(null) : this.initLimits());
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
    const initTimeout = this.preset.initTimeout;
    if ((exit === "deadline" || (exit === "stopped" && loop.stop?.reason === "deadline")) && !this.countsInit && initTimeout !== undefined) {
      const rejection = this.preset.initRejection;
      if (rejection) {
        // Cloudflare validates the upload by running its global scope: past the startup limit
        // the version is refused and no request ever reaches it.
        if (initSpan) initSpan.endMs = loop.now();
        const busy = loop.stop?.line ?? loop.overshoot?.line ?? results.blameLine();
        return results.rejectedAtStartup(rejection, busy, limitHit(this.limits[0] as ActiveLimit));
      }
      // Lambda gives INIT its own limit; past it the init runs again inside the invoke, where it
      // counts against the function's timeout (code stopped mid-loop would run on into it).
      this.countsInit = true;
      this.hold(this.handlerLimits(null));
      if (exit === "deadline") exit = await loop.runUntil(() => initOutcome !== null, "any");
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
    if (session) return session.run(this, results);

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
    this.entryName = entryNameOf(entry);
    if (!this.countsInit) this.clockStart = { wall: loop.now(), cpu: loop.cpu() };
    this.hold(this.handlerLimits(entry));
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
    exit = await this.untilAnswered(invocation.settled, invocation.keepAlive, invocation.progress);
    if (exit !== "done" && exit !== "idle") return results.finishUnsettled(exit);
    const outcome: Outcome | "hang" = exit === "idle" ? invocation.onIdle() : invocation.outcome();
    // Nothing left to wait for and no answer: the await the handler is stuck on is the line to show.
    if (outcome === "hang") return results.timeoutResult(await loop.stuckAwaitLine(), undefined, results.waitingLimit());
    if (outcome.kind === "error" && exit === "idle" && outcome.line === undefined) outcome.line = await loop.stuckAwaitLine();
    if (outcome.kind === "error") return results.outcomeError(outcome);
    // no Node platform iterates a returned generator: reporting it as an answer would be a guess
    const iterator = iteratorKind(outcome.result);
    if (iterator) return results.outcomeError(generatorOutcome(iterator, this.preset.id));

    // ---- a Response body is part of the answer: streaming it takes time too
    let result = outcome.result;
    if (typeof Response !== "undefined" && result instanceof Response) {
      const response = result;
      // The response has started: a limit on starting it no longer applies to reading its body.
      this.hold(this.limits.filter((limit) => limit.kind !== "response"));
      const read = this.preset.deadlineBetweenReads && response.body ? await this.readByChunks(response.body) : await this.readWhole(response);
      if ("verdict" in read) return read as SimulationResult;
      if ("error" in read) return results.outcomeError({ kind: "error", error: read.error });
      result = { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: read.text };
    }
    const answeredAt = loop.now();
    if (this.handlerSpan) this.handlerSpan.endMs = answeredAt;
    this.handlerClosed = true;

    // ---- background work registered with waitUntil runs on after the answer
    if (this.background.registered > 0) {
      const background = this.background;
      this.hold(this.limits.filter((limit) => limit.kind !== "response"));
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

  // ------------------------------------------------------------------ the answer

  /**
   * Runs until the handler answers. Where the deadline runs between reads (a proxy's), every part
   * of the response the handler sends restarts it.
   */
  private async untilAnswered(done: () => boolean, keepAlive: "ref" | "any", progress?: () => number): Promise<LoopExit> {
    if (!this.preset.deadlineBetweenReads || !progress) return this.loop.runUntil(done, keepAlive);
    // parts sent while the handler was being called (headers written at once) count too
    let seen = 0;
    for (;;) {
      const exit = await this.loop.runUntil(() => done() || progress() !== seen, keepAlive);
      if (exit !== "done" || done()) return exit;
      seen = progress();
      this.restartDeadline();
    }
  }

  private restartDeadline(): void {
    const deadline = { ...deadlineLimit(this.preset, { wall: this.loop.now(), cpu: this.loop.cpu() }), restarted: true };
    this.hold([...this.limits.filter((limit) => limit.kind !== "deadline"), deadline]);
  }

  private async readWhole(response: Response): Promise<{ text: string } | { error: unknown } | SimulationResult> {
    let body: { text: string } | { error: unknown } | null = null;
    this.loop.enter();
    response.text().then(
      (text) => {
        body = { text };
      },
      (error: unknown) => {
        body = { error };
      },
    );
    const exit = await this.loop.runUntil(() => body !== null, "any");
    if (exit === "idle") return this.results.timeoutResult(await this.loop.stuckAwaitLine(), undefined, this.results.waitingLimit());
    if (exit !== "done") return this.results.finishUnsettled(exit);
    return body ?? { text: "" };
  }

  /** The body read chunk by chunk, the deadline restarting with each (the first byte counts too). */
  private async readByChunks(stream: ReadableStream<Uint8Array>): Promise<{ text: string } | { error: unknown } | SimulationResult> {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    this.restartDeadline();
    for (;;) {
      let got: { chunk: ReadableStreamReadResult<Uint8Array> } | { error: unknown } | null = null;
      this.loop.enter();
      reader.read().then(
        (chunk) => {
          got = { chunk };
        },
        (error: unknown) => {
          got = { error };
        },
      );
      const exit = await this.loop.runUntil(() => got !== null, "any");
      if (exit === "idle") return this.results.timeoutResult(await this.loop.stuckAwaitLine(), undefined, this.results.waitingLimit());
      if (exit !== "done") return this.results.finishUnsettled(exit);
      const read = got as { chunk: ReadableStreamReadResult<Uint8Array> } | { error: unknown } | null;
      if (!read) continue;
      if ("error" in read) return read;
      if (read.chunk.done) return { text: text + decoder.decode() };
      const value = read.chunk.value;
      text += typeof value === "string" ? value : decoder.decode(value, { stream: true });
      this.restartDeadline();
    }
  }

  // ------------------------------------------------------------------ limits

  /** Puts a set of limits in force: the loop stops at the earliest on each clock. */
  private hold(limits: readonly ActiveLimit[]): void {
    this.limits = limits;
    this.loop.limits = loopLimits(limits, this.preset.clock, this.clockStart.wall);
  }

  /**
   * The handler's limits: the deadline, and the plan's CPU limit per request and limit on starting
   * the response, counted from the handler's start (a limit for HTTP entries only is left out for
   * the others, and said in a note when it applies). `entry` is null while init counts.
   */
  private handlerLimits(entry: EntryPoint | null): ActiveLimit[] {
    const { preset, clockStart } = this;
    const limits = [deadlineLimit(preset, clockStart)];
    const handlerStart = { wall: this.loop.now(), cpu: this.loop.cpu() };
    if (preset.cpuLimit && preset.clock === "wall") limits.push(extraLimit("cpu", preset.cpuLimit, entry ? handlerStart.cpu : clockStart.cpu));
    const response = preset.responseStart;
    if (response && entry && (response.only !== "http" || isHttpEntry(entry))) {
      limits.push(extraLimit("response", response, handlerStart.wall));
      if (response.only && response.note && response.seconds < preset.timeout) this.notes.push({ kind: "plan", text: response.note });
    }
    return limits;
  }

  /**
   * Module-level code: the platform's own startup limit on its clock. With none documented, a
   * wall-clock platform's request waits for the cold start, so its deadline counts from the start
   * of init; a CPU-time limit is the request's own and documented as not counting module code, so
   * there only the simulator's wall cap and runaway guard apply.
   */
  private initLimits(): ActiveLimit[] {
    const { initTimeout, clock } = this.preset;
    if (initTimeout === undefined) return clock === "wall" ? [deadlineLimit(this.preset, { wall: 0, cpu: 0 })] : [];
    return [{ kind: "init", clock, atMs: initTimeout * 1000, seconds: initTimeout }];
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

/** Whether an entry answers an HTTP request (Azure's timer and queue triggers, Workers' scheduled() and queue() do not). */
function isHttpEntry(entry: EntryPoint): boolean {
  if (entry.style === "registered") return entry.registration.trigger === "http";
  return entry.style !== "scheduled" && entry.style !== "queue";
}

/** The name the platform's texts give the entry: an Azure or Google function's registered name, a Slack function's title. */
function entryNameOf(entry: EntryPoint): string | null {
  if (entry.style === "registered") return entry.registration.name;
  if (entry.style === "slack") {
    const title = slackDefinition(entry.fn).title;
    return typeof title === "string" ? title : null;
  }
  return null;
}
