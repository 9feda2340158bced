// State shared by everything one run injects into user code. A new context per run is what
// keeps a warm engine from leaking timers, globals or output from one request into the next.

import type { LatencyRules } from "../latency";
import type { CostModel, Responder } from "../world";
import type { SourceMap } from "./call-site";
import type { Host } from "./host";
import type { VirtualLoop } from "./virtual-loop";

export type RunContext = {
  host: Host;
  loop: VirtualLoop;
  map: SourceMap;
  /** the handler's code as it runs (transformed), for reading a call site's callee name */
  source?: string;
  /** real epoch ms at virtual time 0, so dates look current */
  epoch: number;
  latency: LatencyRules;
  /** response rules, then the default answer (lib/runner/world): fetch, axios and http ask it */
  responder: Responder;
  /** modelled modules and the costs of their calls */
  costs: CostModel;
  /** Web platforms (Workers, Deno) return numeric timer ids; Node returns Timeout objects. */
  webTimers: boolean;
  platformId: string;
  stdout: string[];
  /** the host's live view of stdout, when it has one (RunHooks.onOutput) */
  onOutput?: (text: string) => void;
  /** For errors the engine creates on the user's behalf (fetch aborted, axios timeout): where the user's call was. */
  errorSites: WeakMap<object, Error>;
  /** set when the run is over: late console output and callbacks are ignored */
  finished: boolean;
};

/** The call-site stack of the user code calling into the engine right now. */
export function captureSite(): Error {
  // Creating the Error captures the frames; formatting them (the slow part) waits until a span
  // or a timeout verdict actually needs a line.
  return new Error("call site");
}

export function markErrorSite(ctx: RunContext, error: unknown, site: Error): void {
  if (typeof error === "object" && error !== null) ctx.errorSites.set(error, site);
}

/** Runs a user callback the engine invokes outside any user stack (listeners, microtasks). */
export function guarded(ctx: RunContext, task: () => void): void {
  try {
    task();
  } catch (error) {
    ctx.loop.fault(error, "exception");
  }
}
