// The JS engine tests' fixture: one warm engine in a worker of its own per test file, as in the
// app, so every case also checks that nothing leaks from the runs before it.
import { test as base } from "vitest";
import { startEngineWorker, type EngineHarness } from "./engine-harness";

export const test = base.extend<{ engine: EngineHarness }>({
  engine: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const engine = await startEngineWorker();
      await use(engine);
      await engine.close();
    },
    { scope: "file" },
  ],
});
