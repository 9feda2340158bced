// Worker threads do not inherit the parent's module hooks, and `--import tsx` in a worker's
// execArgv is ignored on Node 20, so the worker registers tsx itself before loading TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
