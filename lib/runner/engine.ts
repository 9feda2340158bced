import type { InitRejection, MessageContext } from "./platforms";
import type { Clock, SimulationRequest, SimulationResult } from "./types";

/** A limit besides the deadline, on the other clock, for engines that enforce it. */
export type EngineLimit = {
  /** seconds of the limit's own clock (see the field that holds it) */
  seconds: number;
  /** the platform's text when this limit ends the run; absent when no source shows it (report null) */
  message?: (ctx: MessageContext) => string;
  /** what the limit is, in a sentence for the note that says it ended the run */
  note?: string;
  /** "http": it only holds for HTTP-triggered entries (Azure's 230 s); absent: for every entry */
  only?: "http";
};

/** What an engine needs of a platform: the resolved deadline, its clock and its expiry text. */
export type EnginePreset = {
  id: string;
  /** the plan / mode / generation the deadline belongs to (a PlanLimits id of the preset) */
  plan?: string;
  clock: Clock;
  /** resolved deadline in seconds of `clock` */
  timeout: number;
  countsInit: boolean;
  /** seconds allowed for module-level work when the platform limits it separately, on `clock` */
  initTimeout?: number;
  /**
   * Passing `initTimeout` fails the run with this before any request (Cloudflare: the upload is
   * rejected). Absent: Lambda's rule, the init runs again inside the invoke under `timeout`.
   */
  initRejection?: InitRejection;
  /** the deadline runs to the first byte, then between reads: every chunk sent restarts it */
  deadlineBetweenReads?: boolean;
  /**
   * Set when `timeout` is Infinity because the platform has no limit unless one is configured:
   * the error to give when the handler's code sets none either (lib/runner/platforms limitInCode).
   */
  noLimit?: string;
  /** environment variables: the platform's own, then the request's (none when absent) */
  env?: Record<string, string>;
  /** the plan's expiry text (the preset's, unless the plan has its own) */
  message: (ctx: MessageContext) => string;
  /**
   * Wall-clock seconds within which the handler must have returned its response, enforced besides
   * `timeout` (Netlify Edge: 40 s to the response headers on a CPU-time deadline; Supabase paid
   * plans: the 150 s request idle timeout inside a 400 s worker). Absent: only `timeout` applies.
   * An engine honouring it ends a run whose handler has not answered by then as a timeout.
   */
  responseStart?: EngineLimit;
  /**
   * CPU seconds per request enforced besides a wall-clock `timeout` (Supabase: 2 s, then 546
   * WORKER_LIMIT). Absent: CPU is only limited by `timeout`.
   */
  cpuLimit?: EngineLimit;
};

/** What a host may hear from a run while it goes, besides its result. */
export type RunHooks = {
  /**
   * The handler's output as it is written (stdout and stderr, one stream), for a host that shows
   * it live. Best effort and possibly throttled: the result's stdout stays the complete record.
   */
  onOutput?: (text: string) => void;
};

/** A language runtime on the virtual clock. Lives inside a worker; runs one request at a time. */
export type Engine = {
  run(request: SimulationRequest, preset: EnginePreset, hooks?: RunHooks): Promise<SimulationResult>;
};
