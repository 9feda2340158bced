import type { Engine, RunHooks } from "./engine";
import { prepare, withPlanNotes } from "./prepare";
import type { FromWorker, ToWorker } from "./protocol";
import type { Language } from "./types";
import { annotate } from "./world";

export type Progress = (stage: string, loaded?: number, total?: number) => void;

export type EngineLoader = (language: Language, progress: Progress) => Promise<Engine>;

/**
 * The body of a simulator worker, the same in a browser Web Worker and a Node worker_thread:
 * engines load once per language and stay warm; each message is answered exactly once.
 */
export function createDispatcher(load: EngineLoader, onConfigure?: (interrupt: SharedArrayBuffer) => void) {
  const engines = new Map<"python" | "js", Promise<Engine>>();
  // Progress goes to whichever request is waiting for the runtime right now.
  let report: Progress = () => {};
  const engineFor = (language: Language) => {
    const key = language === "python" ? "python" : "js";
    let engine = engines.get(key);
    if (!engine) {
      engine = load(language, (stage, loaded, total) => report(stage, loaded, total));
      engines.set(key, engine);
      engine.catch(() => engines.delete(key));
    }
    return engine;
  };
  const now = () => globalThis.performance.now();

  return async function handle(message: ToWorker, post: (progress: FromWorker) => void = () => {}, hooks: RunHooks = {}): Promise<FromWorker> {
    const started = now();
    report = (stage, loaded, total) => post({ type: "progress", id: message.id, stage, ...(loaded !== undefined ? { loaded } : {}), ...(total !== undefined ? { total } : {}) });
    try {
      if (message.type === "configure") {
        onConfigure?.(message.interrupt);
        return { type: "configured", id: message.id };
      }
      if (message.type === "warm") {
        await engineFor(message.language);
        return { type: "warmed", id: message.id, language: message.language, realMs: now() - started };
      }
      const { engine: preset, notes } = prepare(message.request);
      const engine = await engineFor(message.request.language);
      const result = annotate(withPlanNotes(await engine.run(message.request, preset, hooks), notes));
      return { type: "result", id: message.id, result, realMs: now() - started };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { type: "failure", id: message.id, error: { name: e.name, message: e.message } };
    }
  };
}
