import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

test("Anthropic: overloaded 529s are retried twice, then InternalServerError with the body in its message", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
export const handler = async () => {
  try {
    await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "hi" }] });
  } catch (e) {
    return { error: e.constructor.name, status: e.status, type: e.type, message: e.message, isApiError: e instanceof Anthropic.APIError };
  }
};`),
    responses: [{ match: "POST api.anthropic.com/v1/messages", answers: [{ status: 529, json: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }] }],
    timeout: 30,
  });
  expect(result.result).toEqual({
    error: "InternalServerError",
    status: 529,
    type: "overloaded_error",
    message: '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    isApiError: true,
  });
  expect(spansOf(result.timeline, "network")).toHaveLength(3);
  const waits = spansOf(result.timeline, "timer").map(durationOf);
  expect(waits[0]).toBeGreaterThanOrEqual(0.375);
  expect(waits[1]).toBeLessThanOrEqual(1);
});

test("Anthropic: a non-streaming request whose max_tokens implies more than 10 minutes is refused before any call", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
export const handler = async () => {
  const stream = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 64000, messages: [], stream: true });
  let text = "";
  for await (const event of stream) if (event.type === "content_block_delta") text += event.delta.text;
  await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 64000, messages: [] });
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({
    type: "Error",
    message: "Streaming is required for operations that may take longer than 10 minutes. See https://github.com/anthropics/anthropic-sdk-typescript#long-requests for more details",
    line: 7,
  });
  expect(spansOf(result.timeline, "network")).toHaveLength(1);
});
