import type { Engine } from "./engine";
import { prepare } from "./prepare";
import type { FromWorker, ToWorker } from "./protocol";
import type { Language } from "./types";

export type EngineLoader = (language: Language) => Promise<Engine>;

/**
 * The body of a simulator worker, the same in a browser Web Worker and a Node worker_thread:
 * engines load once per language and stay warm; each message is answered exactly once.
 */
export function createDispatcher(load: EngineLoader) {
  const engines = new Map<"python" | "js", Promise<Engine>>();
  const engineFor = (language: Language) => {
    const key = language === "python" ? "python" : "js";
    let engine = engines.get(key);
    if (!engine) {
      engine = load(language);
      engines.set(key, engine);
      engine.catch(() => engines.delete(key));
    }
    return engine;
  };
  const now = () => globalThis.performance.now();

  return async function handle(message: ToWorker): Promise<FromWorker> {
    const started = now();
    try {
      if (message.type === "warm") {
        await engineFor(message.language);
        return { type: "warmed", id: message.id, language: message.language, realMs: now() - started };
      }
      const { engine: preset } = prepare(message.request);
      const engine = await engineFor(message.request.language);
      const result = await engine.run(message.request, preset);
      return { type: "result", id: message.id, result, realMs: now() - started };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { type: "failure", id: message.id, error: { name: e.name, message: e.message } };
    }
  };
}
