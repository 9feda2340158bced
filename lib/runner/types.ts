// Shared contract of the deadline simulator. Framework-free: imported by the browser worker,
// the `deadline` command line and unit tests alike. Never import React or Next from lib/runner.
import type { ResponseRule } from "./world/rules";

export type { ResponseAnswer, ResponseRule, WorldRules } from "./world/rules";

export type Language = "python" | "javascript" | "typescript";

export type Verdict = "ok" | "timeout" | "error";

/** Which clock a platform's limit is measured on. */
export type Clock = "wall" | "cpu";

/** One span of the timeline, in virtual seconds from the start of the run. */
export type Span = {
  /** "modelled": a call on a modelled module, taking the seconds its cost rule gives */
  kind: "init" | "handler" | "sleep" | "timer" | "network" | "cpu" | "modelled";
  start: number;
  end: number;
  /** 1-based line in the user's file that started this span, when known. */
  line?: number;
  label?: string;
  /** network spans: the host called and its modelled latency in seconds */
  host?: string;
  latency?: number;
  /** network spans: the status answered (absent when the connection failed or never answered) */
  status?: number;
  /**
   * network spans: who answered: a response rule, a built-in service model, the default body, or
   * a server the code itself started on a loopback port (http.createServer().listen)
   */
  answer?: "rule" | "service" | "default" | "server";
  /** modelled spans: the cost rule that set the duration, absent when none did (0 s) */
  cost?: string;
};

/** A module the handler imports that the simulator cannot provide, found before running it. */
export type UnavailableImport = {
  module: string;
  line: number | null;
  /** what to do: model it (and how), or why it cannot exist in a sandbox */
  hint: string;
};

/** What a result rests on beyond running the code: said in the verdict, never silently assumed. */
export type Note = {
  kind: "modelled" | "default-response" | "plan" | "event" | "entry" | "project";
  text: string;
};

/** A function or app the simulator could call as the handler. */
export type EntryCandidate = {
  name: string;
  /** "function", "wsgi", "asgi", "runpod-worker", "celery-task", "modal-function", "azure-http", ... */
  kind: string;
  /** 1-based line in the user's file where it is defined or registered, when known */
  line: number | null;
};

export type SimulationError = {
  type: string;
  message: string;
  /** 1-based line in the user's file, null when the error is not in user code */
  line: number | null;
  /** ImportsUnavailable: every import the simulator cannot provide, found in one pass */
  imports?: UnavailableImport[];
  /** EntryPointError: the entry points found, when there are several or the one named is missing */
  candidates?: EntryCandidate[];
};

export type SimulationRequest = {
  language: Language;
  code: string;
  /** shown in tracebacks; defaults to handler.py / handler.js / handler.ts */
  filename?: string;
  /** platform preset id, e.g. "runpod", "aws-lambda" */
  platform: string;
  /** seconds of the platform's clock; defaults to the preset's default */
  timeout?: number;
  /** the event / job input handed to the handler */
  event?: unknown;
  /** per-host latency in seconds; "*" sets the default for unknown hosts */
  latency?: Record<string, number>;
  /** answers per method + URL pattern (lib/runner/world/rules.ts) */
  responses?: ResponseRule[];
  /** modules declared present but not run: importing them gives inert objects */
  model?: string[];
  /** seconds per call on a modelled module, by name pattern */
  cost?: Record<string, number>;
  /**
   * Environment variables set for the run (secrets, configuration), over the ones the platform
   * itself sets (lib/runner/platforms: Lambda's AWS_REGION, Supabase's SUPABASE_URL, ...).
   */
  env?: Record<string, string>;
  /** the entry point to call, as a deploy config names it ("endpoint", "handler.endpoint") */
  handler?: string;
  /** the platform's plan / mode / generation (a PlanLimits id); the preset's own when absent */
  plan?: string;
  /**
   * How many copies of the event reach the server at once (1 when absent, at most
   * MAX_CONCURRENCY): for Python WSGI / ASGI apps on gunicorn and heroku, where simultaneous
   * requests share workers, queue for them and block each other (see result.requests).
   */
  concurrency?: number;
  /**
   * Epoch milliseconds at which the run started: the clock the platform's log lines are stamped
   * with (Lambda's CloudWatch prefix, gunicorn's and Heroku's lines) and the handler's own
   * Date.now() / time.time() start from. The editor sends the moment Run was pressed; absent, log
   * lines count from VIRTUAL_EPOCH_MS (2026-11-01T00:00:00Z) so tests and the CLI stay deterministic.
   */
  startedAt?: number;
  /**
   * Node hosts only (CLI, verify:content): the handler's project on disk, read when an import
   * is not a stub or the standard library. The browser editor holds one file and sends none.
   */
  project?: ProjectSpec;
};

export type ProjectSpec = {
  /** absolute folder of the handler file: sibling modules and relative imports resolve here */
  root: string;
  /** absolute site-packages folders of a virtualenv, for pure-Python packages */
  pythonPath?: string[];
  /** absolute node_modules folder, for pure JS/TS packages; found from root upwards when absent */
  nodeModules?: string;
};

/** Most simultaneous requests a run may serve: each one runs the handler once. */
export const MAX_CONCURRENCY = 50;

/** What one of several simultaneous requests got (request.concurrency > 1). */
export type RequestOutcome = {
  /** 1-based, in the order the requests reached the server */
  index: number;
  verdict: Verdict;
  /** the user's line it was on when cut off (timeout) or that raised (error) */
  line: number | null;
  /** seconds from reaching the server to its answer, or to when it was cut off */
  elapsedSeconds: number;
  /** the HTTP status the client got: the app's, 503 for Heroku's H12, null for a dropped connection */
  status: number | null;
  /** seconds it waited for a free worker before any of its code ran */
  queuedSeconds: number;
  /** when the server went on after the client had its answer (Heroku's dyno after H12): seconds from arriving to the end of that work */
  finishedSeconds?: number;
  /** which server process took it (1-based), when the server has several */
  worker?: number;
  error: SimulationError | null;
  /** the platform's own text for its timeout, as its logs would show it */
  platformMessage: string | null;
  /** the response, when it got one */
  result?: unknown;
};

/**
 * The limit that ended a run which did not finish: the deadline itself, or one a plan enforces
 * besides it. A person reads it as "which clock ran out": Supabase's 2 s of CPU inside its 150 s
 * wall clock, Netlify Edge's 40 s to the response headers on its 50 ms CPU plan, Cloudflare's 1 s
 * of startup CPU before any request.
 */
export type LimitHit = {
  /**
   * "deadline": `deadlineSeconds` on the platform's clock; "cpu": CPU seconds per request on a
   * wall-clock platform; "response": wall-clock seconds until the handler returns its response;
   * "init": module-level (startup) work
   */
  kind: "deadline" | "cpu" | "response" | "init";
  clock: Clock;
  /** the limit, in seconds of `clock` */
  seconds: number;
};

export type SimulationResult = {
  verdict: Verdict;
  platform: string;
  deadlineSeconds: number;
  /** virtual seconds on the platform's clock */
  elapsedSeconds: number;
  /** line of the user's file executing at the deadline (timeout) or raising (error) */
  line: number | null;
  result?: unknown;
  error: SimulationError | null;
  /** the platform's own text for this outcome, as it would appear in logs */
  platformMessage: string | null;
  stdout: string;
  timeline: Span[];
  /**
   * True when the simulator stopped code that kept the CPU busy without ever waiting (after a few
   * real seconds) and judged it as running into the deadline, rather than watching it get there.
   */
  runaway?: boolean;
  /**
   * Parts the simulator cut to keep the result small, each with the limit applied in characters:
   * `stdout` keeps its first characters, `result` becomes the start of its JSON text (a string).
   */
  truncated?: { stdout?: number; result?: number };
  /** what the verdict rests on besides the code: modelled calls, default answers, the plan chosen */
  notes?: Note[];
  /** calls on modelled modules: how many, and the seconds their cost rules added */
  modelled?: { calls: number; seconds: number };
  /**
   * request.concurrency > 1: what each request got, in arrival order. The run's verdict is the
   * first timeout among them (its line and elapsed time), else the first error, else ok with the
   * longest elapsed time; platformMessage then holds each timed-out request's text, one per line.
   * Spans carry "[request N]" in their labels.
   */
  requests?: RequestOutcome[];
  /** which limit ended the run, when one did (engines that tell limits apart set it) */
  limit?: LimitHit;
};
