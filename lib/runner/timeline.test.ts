import { expect, test } from "vitest";
import { limitSentence } from "./timeline";

const base = { elapsedSeconds: 3.12, deadlineSeconds: 150 };

test("a limit besides the deadline gets its own sentence; the deadline is left to the caller", () => {
  expect(limitSentence({ ...base, limit: { kind: "cpu", clock: "cpu", seconds: 2 } }, "Supabase Edge Functions", " at index.ts:4")).toBe(
    "Exceeded the 2.0 s CPU limit per request at index.ts:4 after 3.1 s: Supabase Edge Functions stops a request that uses it up, before its 150 s deadline",
  );
  expect(limitSentence({ ...base, limit: { kind: "response", clock: "wall", seconds: 40 } }, "Netlify Edge Functions", "")).toBe(
    "No response after 40.0 s: Netlify Edge Functions gives up on a handler that has not started its response by then",
  );
  expect(limitSentence({ ...base, limit: { kind: "init", clock: "cpu", seconds: 1 } }, "Cloudflare Workers", " at line 13")).toMatch(/^Startup ran past 1\.0 s of CPU at line 13/);
  expect(limitSentence({ ...base, limit: { kind: "deadline", clock: "wall", seconds: 150 } }, "x", "")).toBeNull();
  expect(limitSentence(base, "x", "")).toBeNull();
});
