// Shared setup for the SDK tests: one warm engine per test file, as engine.test.ts does.

import { test as base } from "vitest";
import type { Span } from "../../types";
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

export const js = (code: string) => code.replace(/^\n/, "");
export const spansOf = (timeline: Span[], kind: Span["kind"]) => timeline.filter((span) => span.kind === kind);
export const durationOf = (span: Span) => span.end - span.start;
