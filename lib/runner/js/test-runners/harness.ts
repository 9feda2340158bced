// The engine in a worker for the test-runner tests, one per file, as the other engine tests do.
import { test as base } from "vitest";
import { startEngineWorker, type EngineHarness } from "../engine-harness";

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

/** A test file's code: the leading newline of a template literal dropped, so line 1 is the first line. */
export const file = (code: string) => code.replace(/^\n/, "");
