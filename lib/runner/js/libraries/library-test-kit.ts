// Shared setup for the SDK tests: one warm engine per test file (engine-fixture.ts).

import type { Span } from "../../types";
export { test } from "../engine-fixture";

export const js = (code: string) => code.replace(/^\n/, "");
export const spansOf = (timeline: Span[], kind: Span["kind"]) => timeline.filter((span) => span.kind === kind);
export const durationOf = (span: Span) => span.end - span.start;
