// The simulator's worker_thread in Node (CLI, tests, benchmarks). The browser has its own thin
// entry around the same dispatcher.
import { parentPort } from "node:worker_threads";
import { createDispatcher } from "../dispatch";
import type { Engine } from "../engine";
import type { ToWorker } from "../protocol";

const handle = createDispatcher(async (language): Promise<Engine> => {
  if (language === "python") {
    const [{ createNodePythonEngine }, { createPythonProjectFiles }] = await Promise.all([import("../python/load-node"), import("./python-project")]);
    // The handler's project (request.project) is read from disk here, in the worker thread.
    return createNodePythonEngine({ projectFiles: (project) => createPythonProjectFiles(project) });
  }
  const [{ createJsEngine }, { createProjectFiles }] = await Promise.all([import("../js/engine"), import("./project-files")]);
  return createJsEngine({ projectFiles: createProjectFiles });
});

parentPort!.on("message", (message: ToWorker) => {
  void handle(message, (progress) => parentPort!.postMessage(progress)).then((answer) => parentPort!.postMessage(answer));
});
