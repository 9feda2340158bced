import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run, sleeps } from "./libs.fixture";

describe("openai: openai-python v2.54.0's defaults", () => {
  test("a 700 s host with default settings: 3 attempts of 600 s, backoff 0.5·2^n·(1 - 0.25·rand), then APITimeoutError", async () => {
    const r = await run(
      `
      from openai import OpenAI
      import openai
      def lambda_handler(event, context):
          client = OpenAI(api_key="sk-test")
          try:
              client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
          except openai.APITimeoutError as e:
              return [type(e).__name__, str(e), isinstance(e, openai.APIConnectionError)]
    `,
      { timeout: 3600, latency: { "api.openai.com": 700 } },
    );
    expect(r.result).toEqual(["APITimeoutError", "Request timed out.", true]);
    const calls = network(r);
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call.end - call.start).toBeCloseTo(600, 1);
    const waits = sleeps(r).map((s) => s.end - s.start);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(0.375);
    expect(waits[0]).toBeLessThanOrEqual(0.5);
    expect(waits[1]).toBeGreaterThanOrEqual(0.75);
    expect(waits[1]).toBeLessThanOrEqual(1);
    expect(r.elapsedSeconds).toBeGreaterThan(1801);
    expect(r.elapsedSeconds).toBeLessThan(1802);
  });

  test("429 with retry-after is retried after that long, then RateLimitError with the SDK's message", async () => {
    const r = await run(
      `
      import openai
      def lambda_handler(event, context):
          client = openai.OpenAI(api_key="k").with_options(max_retries=1)
          try:
              client.embeddings.create(model="text-embedding-3-small", input="x")
          except openai.RateLimitError as e:
              return [e.status_code, str(e), e.code]
    `,
      parseWorld({ responses: [{ match: "api.openai.com", status: 429, headers: { "retry-after": "3" }, json: { error: { message: "Slow down", code: "rate_limit_exceeded" } } }] }),
    );
    expect(r.result).toEqual([429, "Error code: 429 - {'error': {'message': 'Slow down', 'code': 'rate_limit_exceeded'}}", "rate_limit_exceeded"]);
    expect(sleeps(r).map((s) => Math.round(s.end - s.start))).toEqual([3]);
    expect(network(r)).toHaveLength(2);
  });

  test("x-should-retry: false stops retries; a 500 is InternalServerError; a rule's JSON is the object", async () => {
    const r = await run(
      `
      import openai
      def lambda_handler(event, context):
          client = openai.OpenAI(api_key="k", base_url="https://llm.example.com/v1")
          try:
              client.chat.completions.create(model="m", messages=[])
          except openai.InternalServerError as e:
              first = type(e).__name__
          done = client.chat.completions.create(model="m", messages=[], timeout=30)
          return [first, done.choices[0].message.content]
    `,
      parseWorld({
        responses: [
          { match: "llm.example.com", answers: [{ times: 1, status: 500, headers: { "x-should-retry": "false" }, json: { error: {} } }, { json: { choices: [{ message: { content: "hello" } }] } }] },
        ],
      }),
    );
    expect(r.result).toEqual(["InternalServerError", "hello"]);
    expect(network(r)).toHaveLength(2);
  });

  test("with no rule the call gets a plausible ChatCompletion, streamed as chunks, and the span says default", async () => {
    const r = await run(`
      from openai import OpenAI
      def lambda_handler(event, context):
          client = OpenAI(api_key="k")
          text = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
          parts = [c.choices[0].delta.content for c in client.chat.completions.create(model="gpt-4o", messages=[], stream=True)]
          return [text == "".join(parts), client.responses.create(model="gpt-4o", input="x").output_text == text]
    `);
    expect(r.result).toEqual([true, true]);
    expect(network(r).every((s) => s.answer === "default")).toBe(true);
  });
});
