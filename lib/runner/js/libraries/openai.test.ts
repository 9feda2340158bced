import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

const chatCall = js(`
import OpenAI from "openai";
const client = new OpenAI();
export const handler = async () => {
  try {
    const completion = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    return { text: completion.choices[0].message.content, id: completion._request_id };
  } catch (error) {
    return { error: error.constructor.name, name: error.name, message: error.message, timeout: error instanceof OpenAI.APIConnectionTimeoutError, connection: error instanceof OpenAI.APIConnectionError };
  }
};`);

test("default settings against a 700 s host: 3 attempts of 600 s, then APIConnectionTimeoutError", async ({ engine }) => {
  const { result } = await engine.run({ code: chatCall, latency: { "api.openai.com": 700 }, timeout: 2000 });
  expect(result.verdict).toBe("ok");
  // error.name is "Error": the SDK's classes never set one, so Lambda would report errorType "Error"
  expect(result.result).toEqual({ error: "APIConnectionTimeoutError", name: "Error", message: "Request timed out.", timeout: true, connection: true });
  const network = spansOf(result.timeline, "network");
  expect(network).toHaveLength(3);
  for (const span of network) {
    expect(durationOf(span)).toBeCloseTo(600, 1);
    expect(span.label).toMatch(/\(timeout 600000 ms\)$/);
    expect(span.line).toBe(5);
  }
  // backoff: 0.5 s then 1 s, each less up to 25 % jitter
  const [first, second] = spansOf(result.timeline, "timer");
  expect(durationOf(first!)).toBeGreaterThanOrEqual(0.375);
  expect(durationOf(first!)).toBeLessThanOrEqual(0.5);
  expect(durationOf(second!)).toBeGreaterThanOrEqual(0.75);
  expect(durationOf(second!)).toBeLessThanOrEqual(1);
  expect(result.elapsedSeconds).toBeGreaterThan(1800 + 0.375 + 0.75);
  expect(result.elapsedSeconds).toBeLessThan(1800 + 0.5 + 1 + 0.1);
});

test("the same call under Lambda's 900 s limit is a timeout at the deadline, during the second attempt", async ({ engine }) => {
  const { result } = await engine.run({ code: chatCall, latency: { "api.openai.com": 700 }, timeout: 900 });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(900);
  expect(result.line).toBe(5);
  expect(result.platformMessage).toMatch(/Task timed out after 900\.00 seconds$/);
  const network = spansOf(result.timeline, "network");
  expect(network).toHaveLength(2);
  expect(network[1]?.label).toMatch(/attempt 2 of 3\) \(pending at the deadline\)$/);
});

test("a 503 then a 200: retried after the SDK's backoff, and the rule's body is the completion", async ({ engine }) => {
  const { result } = await engine.run({
    code: chatCall,
    responses: [
      {
        match: "POST api.openai.com/v1/chat/completions",
        answers: [
          { status: 503, times: 1, json: { error: { message: "overloaded" } } },
          { headers: { "x-request-id": "req_123" }, json: { id: "c1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }] } },
        ],
      },
    ],
  });
  expect(result.result).toEqual({ text: "hello", id: "req_123" });
  expect(spansOf(result.timeline, "network").map((span) => span.status)).toEqual([503, 200]);
  const [wait] = spansOf(result.timeline, "timer");
  expect(wait?.label).toMatch(/retry backoff \(status 503\)/);
  expect(durationOf(wait!)).toBeGreaterThanOrEqual(0.375);
  expect(durationOf(wait!)).toBeLessThanOrEqual(0.5);
});

test("retry-after-ms is obeyed, x-should-retry: false is not retried, and the error class follows the status", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import OpenAI, { RateLimitError, InternalServerError } from "openai";
const client = new OpenAI({ apiKey: "sk-test" });
export const handler = async () => {
  const out = {};
  try { await client.embeddings.create({ model: "text-embedding-3-small", input: "x" }); } catch (e) {
    out.rate = { limited: e instanceof RateLimitError, status: e.status, message: e.message, code: e.code, header: e.headers.get("retry-after-ms") };
  }
  try { await client.responses.create({ model: "gpt-4o", input: "x" }); } catch (e) {
    out.server = { internal: e instanceof InternalServerError, status: e.status, message: e.message };
  }
  return out;
};`),
    responses: [
      { match: "api.openai.com/v1/embeddings", answers: [{ status: 429, headers: { "retry-after-ms": "2500" }, json: { error: { message: "Rate limit reached", code: "rate_limit_exceeded" } } }] },
      { match: "api.openai.com/v1/responses", answers: [{ status: 500, headers: { "x-should-retry": "false" }, text: "upstream broke" }] },
    ],
    timeout: 30,
  });
  expect(result.result).toEqual({
    rate: { limited: true, status: 429, message: "429 Rate limit reached", code: "rate_limit_exceeded", header: "2500" },
    server: { internal: true, status: 500, message: "500 upstream broke" },
  });
  const waits = spansOf(result.timeline, "timer");
  expect(waits).toHaveLength(2);
  for (const wait of waits) expect(durationOf(wait)).toBeCloseTo(2.5, 1);
  expect(spansOf(result.timeline, "network")).toHaveLength(4);
});

test("per-request timeout and maxRetries; a refused connection is an APIConnectionError after the retries", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import OpenAI from "openai";
const client = new OpenAI({ baseURL: "http://localhost:11434/v1", maxRetries: 1 });
const fast = new OpenAI();
export const handler = async () => {
  const t0 = Date.now();
  const refused = await client.chat.completions.create({ model: "llama3", messages: [] }).catch((e) => ({ name: e.constructor.name, message: e.message, cause: e.cause?.cause?.code }));
  const t1 = Date.now();
  const timedOut = await fast.chat.completions.create({ model: "gpt-4o", messages: [] }, { timeout: 5000, maxRetries: 0 }).catch((e) => e.constructor.name);
  return { refused, timedOut, waited: Date.now() - t1 };
};`),
    responses: [{ match: "localhost:11434", answers: [{ connection: "refused" }] }],
    latency: { "api.openai.com": 60 },
    timeout: 30,
  });
  const out = result.result as { refused: unknown; timedOut: string; waited: number };
  expect(out.refused).toEqual({ name: "APIConnectionError", message: "Connection error.", cause: "ECONNREFUSED" });
  expect(out.timedOut).toBe("APIConnectionTimeoutError");
  expect(out.waited).toBeGreaterThanOrEqual(5000);
  expect(out.waited).toBeLessThan(5050);
});

test("stream: true yields chunks whose deltas add up to the message; AzureOpenAI needs an API version", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import OpenAI, { AzureOpenAI } from "openai";
export const handler = async () => {
  const stream = await new OpenAI().chat.completions.create({ model: "gpt-4o", messages: [], stream: true });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
  let azure;
  try { new AzureOpenAI({ endpoint: "https://example.openai.azure.com" }); } catch (e) { azure = e.message; }
  const az = new AzureOpenAI({ endpoint: "https://example.openai.azure.com", apiVersion: "2024-10-21", deployment: "gpt4o" });
  await az.chat.completions.create({ messages: [] });
  return { simulated: text.startsWith("This is a simulated reply"), azure };
};`),
  });
  expect(result.result).toEqual({
    simulated: true,
    azure:
      "The OPENAI_API_VERSION environment variable is missing or empty; either provide it, or instantiate the AzureOpenAI client with an apiVersion option, like new AzureOpenAI({ apiVersion: 'My API Version' }).",
  });
  const network = spansOf(result.timeline, "network");
  expect(network[1]?.label).toMatch(/^POST https:\/\/example\.openai\.azure\.com\/openai\/deployments\/gpt4o\/chat\/completions\?api-version=2024-10-21 /);
});
