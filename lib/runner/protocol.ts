import * as z from "zod/mini";
import { MAX_CONCURRENCY, type Language, type SimulationRequest, type SimulationResult } from "./types";

// Messages between a host (browser page or Node) and the simulator's worker. Every request
// carries an id, echoed by its answer, so answers can never be matched to the wrong run.

export type ToWorker =
  | { type: "run"; id: number; request: SimulationRequest }
  | { type: "warm"; id: number; language: Language }
  /**
   * Sent once by a host that shares an interrupt buffer: Pyodide polls it, so Stop can interrupt
   * Python without throwing away the warm runtime. Needs cross-origin isolation.
   */
  | { type: "configure"; id: number; interrupt: SharedArrayBuffer };

export type FromWorker =
  | { type: "result"; id: number; result: SimulationResult; realMs: number }
  | { type: "warmed"; id: number; language: Language; realMs: number }
  /** loading a runtime: `loaded`/`total` bytes when known */
  | { type: "progress"; id: number; stage: string; loaded?: number; total?: number }
  | { type: "failure"; id: number; error: { name: string; message: string } }
  | { type: "configured"; id: number };

// ---------------------------------------------------------------------------------------------
// The browser sandbox (lib/runner/browser): page ⇄ runner frame ⇄ one worker per run.
//
// The page is the only trusted party. The frame (an opaque-origin sandboxed iframe) is ours but
// holds user code's worker, so whatever arrives from it is data to validate, never a command:
// every message is parsed with the schemas below, and a run's messages count only when they
// carry that run's id and nonce (a secret the worker receives before any user code runs).

export type Family = "js" | "python";

export const familyOf = (language: Language): Family => (language === "python" ? "python" : "js");

/** The Python runtime's files, handed to the frame as bytes: it may not fetch anything itself. */
export type PythonAssets = { loader: ArrayBuffer; asm: ArrayBuffer; wasm: ArrayBuffer; stdlib: ArrayBuffer; lock: string };

/** page → frame */
export type ToFrame =
  | { type: "assets"; worker: ArrayBuffer }
  | { type: "python-assets"; files: PythonAssets }
  /** prepare a worker for this family ahead of the first run */
  | { type: "prepare"; family: Family }
  | { type: "run"; id: number; nonce: string; request: SimulationRequest }
  /**
   * the run is over; answered: it ended with its result, so its worker is ended a little later
   * (at the next "prepare" or "run", or after 500 ms) and meanwhile nothing it posts is relayed.
   * Otherwise the worker is terminated at once.
   */
  | { type: "stop"; id: number; answered?: boolean }
  | { type: "ping"; n: number }
  /** carries (in its transfer list) the MessagePort all later messages both ways go over */
  | { type: "port" };

/** frame → worker, before the worker's run (trusted code only runs then) */
export type ToRunner =
  | { type: "init"; family: "js" }
  | {
      type: "init";
      family: "python";
      module: WebAssembly.Module;
      loader: ArrayBuffer;
      asm: ArrayBuffer;
      stdlib: ArrayBuffer;
      lock: string;
      /** restore this memory snapshot; absent: boot Pyodide and answer with a snapshot */
      snapshot?: Uint8Array;
    }
  | { type: "run"; id: number; nonce: string; request: SimulationRequest };

/** worker → frame while it prepares (accepted only before the worker is given a run) */
export type RunnerControl = { type: "prepared"; snapshot?: Uint8Array } | { type: "prepare-failed"; message: string };

const id = z.number().check(z.int(), z.positive());

/** worker → page (relayed by the frame): what a run reports */
export const RunnerMessage = z.discriminatedUnion("type", [
  /** user code is about to run: from here on the real-time limits apply */
  z.object({ type: z.literal("started"), id, nonce: z.string() }),
  z.object({ type: z.literal("progress"), id, nonce: z.string(), stage: z.string().check(z.maxLength(200)) }),
  /** what the handler wrote so far (live-output.ts): a preview while the run goes, never its result */
  z.object({ type: z.literal("output"), id, nonce: z.string(), text: z.string().check(z.maxLength(4000)) }),
  /** the SimulationResult as JSON text, already capped in size by the worker */
  z.object({ type: z.literal("result"), id, nonce: z.string(), json: z.string(), realMs: z.number() }),
  z.object({ type: z.literal("failure"), id, nonce: z.string(), message: z.string().check(z.maxLength(4000)) }),
]);
export type RunnerMessage = z.infer<typeof RunnerMessage>;

/** frame → page */
export const FromFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  z.object({ type: z.literal("pong"), n: z.number() }),
  /** a message from the run's worker, tagged by the frame with the run it created that worker for */
  z.object({ type: z.literal("runner"), id, message: z.unknown(), dropped: z.number() }),
  /** the run's worker is gone: it failed to start, crashed, was stopped, or flooded the frame */
  z.object({ type: z.literal("ended"), id, reason: z.enum(["error", "stopped", "oversized", "flood"]), detail: z.string().check(z.maxLength(4000)) }),
  /** messages the frame dropped for this run before relaying (wrong shape or too big) */
  z.object({ type: z.literal("dropped"), id, count: z.number() }),
  /** a worker could not be prepared (before any run was given to it) */
  z.object({ type: z.literal("prepare-failed"), family: z.enum(["js", "python"]), message: z.string().check(z.maxLength(4000)) }),
  z.object({ type: z.literal("prepared"), family: z.enum(["js", "python"]) }),
]);
export type FromFrame = z.infer<typeof FromFrame>;

export { MAX_RELAYED_CHARS } from "./result-limits";

// ---- the result, as the page accepts it --------------------------------------------------------

const text = (max: number) => z.string().check(z.maxLength(max));
const lineNo = z.nullable(z.number());

const Span = z.object({
  kind: z.enum(["init", "handler", "sleep", "timer", "network", "cpu", "modelled"]),
  start: z.number(),
  end: z.number(),
  line: z.optional(z.number()),
  label: z.optional(text(4000)),
  host: z.optional(text(4000)),
  latency: z.optional(z.number()),
  status: z.optional(z.number()),
  answer: z.optional(z.enum(["rule", "service", "default", "server"])),
  cost: z.optional(text(4000)),
});

const SimulationErrorSchema = z.object({
  type: text(1000),
  message: text(100_000),
  line: lineNo,
  imports: z.optional(z.array(z.object({ module: text(1000), line: lineNo, hint: text(4000) }))),
  // EntryCandidate objects, as the engines send them (lib/runner/types.ts).
  candidates: z.optional(z.array(z.object({ name: text(1000), kind: text(200), line: lineNo }))),
});

const RequestOutcomeSchema = z.object({
  index: z.number(),
  verdict: z.enum(["ok", "timeout", "error"]),
  line: lineNo,
  elapsedSeconds: z.number(),
  status: z.nullable(z.number()),
  queuedSeconds: z.number(),
  finishedSeconds: z.optional(z.number()),
  worker: z.optional(z.number()),
  error: z.nullable(SimulationErrorSchema),
  platformMessage: z.nullable(text(100_000)),
  result: z.optional(z.unknown()),
});

export const SimulationResultSchema = z.object({
  verdict: z.enum(["ok", "timeout", "error"]),
  platform: text(200),
  deadlineSeconds: z.number(),
  elapsedSeconds: z.number(),
  line: lineNo,
  result: z.optional(z.unknown()),
  error: z.nullable(SimulationErrorSchema),
  platformMessage: z.nullable(text(100_000)),
  stdout: z.string(),
  timeline: z.array(Span).check(z.maxLength(5000)),
  runaway: z.optional(z.boolean()),
  truncated: z.optional(z.object({ stdout: z.optional(z.number()), result: z.optional(z.number()) })),
  notes: z.optional(
    z.array(z.object({ kind: z.enum(["modelled", "default-response", "plan", "event", "entry", "project"]), text: text(4000) })).check(z.maxLength(200)),
  ),
  modelled: z.optional(z.object({ calls: z.number(), seconds: z.number() })),
  requests: z.optional(z.array(RequestOutcomeSchema).check(z.maxLength(MAX_CONCURRENCY))),
  limit: z.optional(z.object({ kind: z.enum(["deadline", "cpu", "response", "init"]), clock: z.enum(["wall", "cpu"]), seconds: z.number() })),
});

// Every field of SimulationResult must be in the schema: z.object drops what it does not name, so a
// field an engine adds would otherwise vanish between the worker and the page without a trace.
type UnparsedResultKeys = Exclude<keyof SimulationResult, keyof z.infer<typeof SimulationResultSchema>>;
const everyResultKeyParsed: [UnparsedResultKeys] extends [never] ? true : UnparsedResultKeys = true;
void everyResultKeyParsed;

/** Parses a result as the worker sent it; null when it is not JSON or not a SimulationResult. */
export function parseResult(json: string): SimulationResult | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = SimulationResultSchema.safeParse(value);
  return parsed.success ? (parsed.data as SimulationResult) : null;
}
