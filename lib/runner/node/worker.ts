// The simulator's worker_thread in Node (CLI, tests, benchmarks). The browser has its own thin
// entry around the same dispatcher.
import { parentPort } from "node:worker_threads";
import { createDispatcher } from "../dispatch";
import type { Engine } from "../engine";
import type { ToWorker } from "../protocol";

const handle = createDispatcher(async (language): Promise<Engine> => {
  if (language === "python") {
    const { createNodePythonEngine } = await import("../python/load-node");
    return createNodePythonEngine();
  }
  const [{ createJsEngine }, { createProjectFiles }] = await Promise.all([import("../js/engine"), import("./project-files")]);
  return createJsEngine({ projectFiles: createProjectFiles });
});

parentPort!.on("message", (message: ToWorker) => {
  void handle(message, (progress) => parentPort!.postMessage(progress)).then((answer) => parentPort!.postMessage(answer));
});
