import type { MessageContext } from "./platforms";
import type { Clock, SimulationRequest, SimulationResult } from "./types";

/** What an engine needs of a platform: the resolved deadline, its clock and its expiry text. */
export type EnginePreset = {
  id: string;
  clock: Clock;
  /** resolved deadline in seconds of `clock` */
  timeout: number;
  countsInit: boolean;
  /** seconds allowed for module-level work when the platform limits it separately */
  initTimeout?: number;
  /**
   * Set when `timeout` is Infinity because the platform has no limit unless one is configured:
   * the error to give when the handler's code sets none either (lib/runner/platforms limitInCode).
   */
  noLimit?: string;
  message: (ctx: MessageContext) => string;
};

/** A language runtime on the virtual clock. Lives inside a worker; runs one request at a time. */
export type Engine = {
  run(request: SimulationRequest, preset: EnginePreset): Promise<SimulationResult>;
};
