import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

test("generateText: maxRetries 2 with 2 s then 4 s between attempts on a 503, then RetryError with the last message", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";
export const handler = async () => {
  try {
    await generateText({ model: openai("gpt-4o"), prompt: "hi" });
  } catch (e) {
    return { name: e.name, message: e.message, reason: e.reason, attempts: e.errors.length, last: [e.lastError.name, e.lastError.statusCode, e.lastError.isRetryable] };
  }
};`),
    responses: [{ match: "POST api.openai.com/v1/chat/completions", answers: [{ status: 503, json: { error: { message: "The server is overloaded" } } }] }],
    latency: { "api.openai.com": 1 },
    timeout: 60,
  });
  expect(result.result).toEqual({
    name: "AI_RetryError",
    message: "Failed after 3 attempts. Last error: The server is overloaded",
    reason: "maxRetriesExceeded",
    attempts: 3,
    last: ["AI_APICallError", 503, true],
  });
  const waits = spansOf(result.timeline, "timer").map(durationOf);
  expect(waits).toHaveLength(2);
  expect(waits[0]).toBeCloseTo(2, 6);
  expect(waits[1]).toBeCloseTo(4, 6);
  expect(spansOf(result.timeline, "network")).toHaveLength(3);
  expect(result.elapsedSeconds).toBeGreaterThanOrEqual(9);
  expect(result.elapsedSeconds).toBeLessThan(9 + 0.5);
});

test("a 400 is not retried and is thrown as the APICallError itself; the rule's completion is the text", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { generateText, APICallError } from "ai";
import { openai } from "@ai-sdk/openai";
import { anthropic } from "@ai-sdk/anthropic";
export const handler = async () => {
  const bad = await generateText({ model: openai("gpt-4o"), prompt: "x" }).catch((e) => [APICallError.isInstance(e), e.message, e.statusCode]);
  const ok = await generateText({ model: anthropic("claude-sonnet-4-5"), system: "be brief", prompt: "hi" });
  return { bad, text: ok.text, finishReason: ok.finishReason, usage: ok.usage };
};`),
    responses: [
      { match: "api.openai.com", answers: [{ status: 400, json: { error: { message: "Invalid 'messages'", type: "invalid_request_error" } } }] },
      { match: "POST api.anthropic.com/v1/messages", answers: [{ json: { id: "msg_1", content: [{ type: "text", text: "Hello." }], stop_reason: "end_turn", usage: { input_tokens: 9, output_tokens: 3 } } }] },
    ],
  });
  expect(result.result).toEqual({ bad: [true, "Invalid 'messages'", 400], text: "Hello.", finishReason: "stop", usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 } });
  expect(spansOf(result.timeline, "network")).toHaveLength(2);
});

// The CLI and the editor read `export const maxDuration` (corpus case vercel-next-ai-stream); the
// engine is given the same 30 s here.
test("streamText + toDataStreamResponse in a route: the function runs until the stream ends, so a 45 s model outlasts maxDuration 30", async ({ engine }) => {
  const code = js(`
import { openai } from "@ai-sdk/openai";
import { streamText } from "ai";
export const maxDuration = 30;
export async function POST(req) {
  const result = streamText({ model: openai("gpt-4o"), messages: [{ role: "user", content: "plan a trip" }] });
  return result.toDataStreamResponse();
}`);
  const slow = await engine.run({ code, timeout: 30, event: { method: "POST", path: "/api/chat", body: {} }, latency: { "api.openai.com": 45 } }, "vercel");
  expect(slow.result.verdict).toBe("timeout");
  expect(slow.result.elapsedSeconds).toBe(30);
  expect(slow.result.platformMessage).toMatch(/FUNCTION_INVOCATION_TIMEOUT/);
  expect(slow.result.line).toBe(5);
  const fast = await engine.run({
    code,
    timeout: 30,
    event: { method: "POST", path: "/api/chat", body: {} },
    latency: { "api.openai.com": 4 },
    responses: [{ match: "api.openai.com", answers: [{ text: 'data: {"id":"c1","choices":[{"delta":{"content":"Day 1"}}]}\n\ndata: {"id":"c1","choices":[{"delta":{"content":": Tokyo"},"finish_reason":"stop"}]}\n\ndata: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":4}}\n\ndata: [DONE]\n\n' }] }],
  }, "vercel");
  expect(fast.result.verdict).toBe("ok");
  expect(fast.result.elapsedSeconds).toBeGreaterThanOrEqual(4);
  expect(fast.result.elapsedSeconds).toBeLessThan(4 + 0.5);
  const response = fast.result.result as { status: number; headers: Record<string, string>; body: string };
  expect(response.headers["x-vercel-ai-data-stream"]).toBe("v1");
  expect(response.body.split("\n").filter(Boolean).slice(1)).toEqual([
    '0:"Day 1"',
    '0:": Tokyo"',
    'e:{"finishReason":"stop","usage":{"promptTokens":5,"completionTokens":4},"isContinued":false}',
    'd:{"finishReason":"stop","usage":{"promptTokens":5,"completionTokens":4}}',
  ]);
});

test("streamText's errors go into the stream (masked as 'An error occurred.') and onError; abortSignal ends a call without retries", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { streamText, generateText } from "ai";
import { openai } from "@ai-sdk/openai";
export const handler = async () => {
  const seen = [];
  const result = streamText({ model: openai("gpt-4o"), prompt: "x", maxRetries: 0, onError: ({ error }) => seen.push(error.message) });
  const body = await result.toTextStreamResponse().text();
  const data = await streamText({ model: openai("gpt-4o"), prompt: "x", maxRetries: 0 }).toDataStreamResponse().text();
  const t = Date.now();
  const aborted = await generateText({ model: openai("gpt-4o"), prompt: "x", abortSignal: AbortSignal.timeout(5000) }).catch((e) => [e.name, Math.round((Date.now() - t) / 1000) * 1000]);
  return { seen, body, data, aborted };
};`),
    responses: [{ match: "api.openai.com", answers: [{ times: 2, connection: "refused" }, { latency: 60, json: {} }] }],
    timeout: 60,
  });
  expect(result.result).toEqual({
    seen: ["Cannot connect to API: connect ECONNREFUSED api.openai.com:443"],
    body: "",
    data: '3:"An error occurred."\n',
    aborted: ["TimeoutError", 5000],
  });
});

test("a default answer is a simulated reply, marked as the default on the timeline; textStream iterates its deltas", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { streamText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
const local = createOpenAI({ baseURL: "http://localhost:11434/v1" });
export const handler = async () => {
  let text = "";
  for await (const delta of streamText({ model: local("llama3"), prompt: "x" }).textStream) text += delta;
  return text;
};`),
  });
  expect(result.result).toMatch(/^This is a simulated reply/);
  const [span] = spansOf(result.timeline, "network");
  expect(span?.label).toMatch(/^POST http:\/\/localhost:11434\/v1\/chat\/completions \(AI SDK streamText, attempt 1 of 3\)/);
  expect(span?.answer).toBe("default");
});
