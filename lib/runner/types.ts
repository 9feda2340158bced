// Shared contract of the deadline simulator. Framework-free: imported by the browser worker,
// the `deadline` command line and unit tests alike. Never import React or Next from lib/runner.

export type Language = "python" | "javascript" | "typescript";

export type Verdict = "ok" | "timeout" | "error";

/** Which clock a platform's limit is measured on. */
export type Clock = "wall" | "cpu";

/** One span of the timeline, in virtual seconds from the start of the run. */
export type Span = {
  kind: "init" | "handler" | "sleep" | "timer" | "network" | "cpu";
  start: number;
  end: number;
  /** 1-based line in the user's file that started this span, when known. */
  line?: number;
  label?: string;
  /** network spans: the host called and its modelled latency in seconds */
  host?: string;
  latency?: number;
};

export type SimulationError = {
  type: string;
  message: string;
  /** 1-based line in the user's file, null when the error is not in user code */
  line: number | null;
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
};
