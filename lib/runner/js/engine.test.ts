import { expect } from "vitest";
import type { Span } from "../types";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// The engine runs warm in one worker for the whole file (engine-fixture.ts).

const js = (code: string) => code.replace(/^\n/, "");
const spansOf = (timeline: Span[], kind: Span["kind"]) => timeline.filter((span) => span.kind === kind);

test("Promise.all of timers costs the longest, not the sum", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async () => {
  await Promise.all([sleep(2000), sleep(1500), sleep(500)]);
  return "done";
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2);
  expect(result.result).toBe("done");
  const timers = spansOf(result.timeline, "timer");
  expect(timers).toHaveLength(3);
  expect(timers.every((span) => span.line === 3)).toBe(true);
});

test("sequential awaits add up", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async () => {
  await sleep(1000);
  await sleep(700);
  await sleep(800);
  return 1;
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2.5);
  expect(spansOf(result.timeline, "timer").map((span) => span.line)).toEqual([3, 4, 5]);
});

test("sequential awaits past the deadline stop at exactly the deadline, on the awaited line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async () => {
  await sleep(2000);
  await sleep(2000);
  return "never";
};`),
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(3);
  expect(result.line).toBe(4);
  expect(result.platformMessage).toMatch(/Task timed out after 3\.00 seconds$/);
  expect(result.result).toBeUndefined();
  const pending = spansOf(result.timeline, "timer").find((span) => span.line === 4);
  // the timeline counts from the start of init; the handler started a few µs after it
  expectSeconds(pending?.end, 3);
  expect(pending?.label).toMatch(/pending at the deadline/);
});

test("Date.now, new Date and performance.now all move with the virtual clock", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  const d0 = Date.now(), p0 = performance.now(), n0 = new Date().getTime();
  await new Promise((r) => setTimeout(r, 2000));
  return { date: Date.now() - d0, perf: Math.round(performance.now() - p0), newDate: new Date().getTime() - n0, isDate: new Date() instanceof Date };
};`),
  });
  expect(result.verdict).toBe("ok");
  const moved = result.result as { date: number; perf: number; newDate: number; isDate: boolean };
  expect(moved.date).toBeGreaterThanOrEqual(2000);
  expect(moved.date).toBeLessThan(2010);
  expect(moved.perf).toBeGreaterThanOrEqual(2000);
  expect(moved.perf).toBeLessThan(2010);
  expect(moved.newDate).toBeGreaterThanOrEqual(2000);
  expect(moved.isDate).toBe(true);
});

test("console output reaches the host's live view as it is written, the same text the result keeps", async ({ engine }) => {
  const { result, live } = await engine.run({
    code: js(`
export const handler = async () => {
  console.log("first", { n: 1 });
  await new Promise((r) => setTimeout(r, 1000));
  console.error("second");
  return "done";
};`),
  });
  expect(result.verdict).toBe("ok");
  expect(live).toEqual(["first { n: 1 }\n", "second\n"]);
  expect(live.join("")).toBe(result.stdout);
});

test("a run given its start (request.startedAt) tells the time from it, as the log line does", async ({ engine }) => {
  const startedAt = Date.UTC(2027, 2, 14, 9, 26, 53, 589);
  const { result } = await engine.run(
    {
      startedAt,
      timeout: 3,
      code: js(`
export const handler = async () => {
  console.log(new Date().toISOString());
  await new Promise((r) => setTimeout(r, 5000));
};`),
    },
    "real:aws-lambda",
  );
  expect(result.stdout).toContain("2027-03-14T09:26:53.");
  expect(result.platformMessage).toMatch(/^2027-03-14T09:26:56\.589Z [0-9a-f-]+ Task timed out after 3\.00 seconds$/);
});

test("context.getRemainingTimeInMillis follows the virtual clock", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
exports.handler = async (event, context) => {
  const before = context.getRemainingTimeInMillis();
  await new Promise((r) => setTimeout(r, 4000));
  return { before, after: context.getRemainingTimeInMillis(), id: context.awsRequestId.length, name: context.functionName };
};`),
      timeout: 10,
    },
    "aws-lambda",
  );
  const remaining = result.result as { before: number; after: number; id: number; name: string };
  expect(remaining.before).toBeGreaterThan(9990);
  expect(remaining.after).toBeGreaterThan(5980);
  expect(remaining.after).toBeLessThanOrEqual(6000);
  expect(remaining.id).toBe(36);
  expect(remaining.name).toBe("simulated-function");
});

test("node:timers/promises and util.promisify(setTimeout) wait on the virtual clock", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { setTimeout as wait } from "node:timers/promises";
import { promisify } from "util";
export const handler = async () => {
  const value = await wait(1200, "hello");
  await promisify(setTimeout)(300);
  return value;
};`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toBe("hello");
  expectSeconds(result.elapsedSeconds, 1.5);
});

test("a warm engine runs 120 s of timers in a blink and keeps nothing between runs", async ({ engine }) => {
  const code = js(`
exports.handler = async () => {
  globalThis.seen = (globalThis.seen ?? 0) + 1;
  leaked = typeof leaked === "undefined" ? 1 : leaked + 1;
  setInterval(() => {}, 1000);
  for (let i = 0; i < 120; i++) await new Promise((r) => setTimeout(r, 1000));
  return { seen: globalThis.seen, leaked };
};`);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await engine.run({ code, timeout: 900 }));
  for (const { result } of runs) {
    expect(result.verdict).toBe("ok");
    expect(result.elapsedSeconds).toBeCloseTo(120, 0);
    expect(result.result).toEqual({ seen: 1, leaked: 1 });
  }
  // printed, not asserted: a benchmark prints figures, a test asserts behaviour
  console.log(`120 s of virtual timers, warm runs: ${runs.map((run) => run.realMs.toFixed(1)).join(" ms, ")} ms real`);
});

const intervalHandler = (waits: boolean) =>
  js(`
exports.handler = function (event, context, callback) {
  ${waits ? "" : "context.callbackWaitsForEmptyEventLoop = false;"}
  setInterval(() => console.log("heartbeat"), 900);
  setTimeout(() => callback(null, { statusCode: 200 }), 500);
};`);

test("a live setInterval keeps the invocation open past callback(): timeout on the interval's line", async ({ engine }) => {
  const { result } = await engine.run({ code: intervalHandler(true) });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(3);
  expect(result.line).toBe(3);
  expect(result.stdout).toBe("heartbeat\nheartbeat\nheartbeat\n");
});

test("callbackWaitsForEmptyEventLoop = false answers right after the callback", async ({ engine }) => {
  const { result } = await engine.run({ code: intervalHandler(false) });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 0.5);
  expect(result.result).toEqual({ statusCode: 200 });
});

test("with the default, the answer waits for the last pending timer", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = (event, context, callback) => {
  setTimeout(() => console.log("flushed"), 2000);
  callback(null, "answer");
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2);
  expect(result.result).toBe("answer");
  expect(result.stdout).toBe("flushed\n");
});

test("an async handler answers when its promise settles, whatever timers remain", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  setInterval(() => {}, 100);
  await new Promise((r) => setTimeout(r, 1000));
  return "async";
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 1);
});

test("an async handler whose promise never settles fails with Runtime.NodeJsExit", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  await new Promise(() => {});
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("Runtime.NodeJsExit");
});

test("fetch waits the host's latency and is a network span", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  const res = await fetch("https://api.example.com/v1/items?x=1");
  const body = await res.json();
  return { status: res.status, body };
};`),
    latency: { "api.example.com": 1.25 },
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 1.25);
  expect(result.result).toEqual({ status: 200, body: { ok: true, url: "https://api.example.com/v1/items?x=1" } });
  const [network] = spansOf(result.timeline, "network");
  expect(network).toMatchObject({ host: "api.example.com", latency: 1.25, line: 2 });
});

test("a 45 s host under a 30 s timeout times out on the fetch line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  console.log("calling");
  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST" });
  return res.status;
};`),
    latency: { "api.openai.com": 45 },
    timeout: 30,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(30);
  expect(result.line).toBe(3);
  expect(spansOf(result.timeline, "network")[0]).toMatchObject({ host: "api.openai.com", latency: 45 });
  expect(spansOf(result.timeline, "network")[0]?.end).toBeCloseTo(30, 1);
});

test("fetch to a 45 s host with AbortSignal.timeout(10000) fails at 10 s with undici's TimeoutError", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    signal: AbortSignal.timeout(10_000),
  });
  return res.status;
};`),
    latency: { "api.openai.com": 45 },
    timeout: 30,
  });
  expect(result.verdict).toBe("error");
  expectSeconds(result.elapsedSeconds, 10);
  expect(result.error).toEqual({ type: "TimeoutError", message: "The operation was aborted due to timeout", line: 2 });
  expect(spansOf(result.timeline, "network")[0]?.label).toMatch(/aborted/);
});

test("AbortSignal.timeout fires at its virtual time", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export const handler = async () => {
  const t0 = Date.now();
  const signal = AbortSignal.timeout(1500);
  await new Promise((resolve) => signal.addEventListener("abort", resolve));
  return { after: Date.now() - t0, reason: signal.reason.name, instance: signal instanceof AbortSignal };
};`),
    },
    // on Lambda this handler dies with Runtime.NodeJsExit: the timer behind AbortSignal.timeout
    // is unref'd, as in Node; behind a server something else keeps the loop alive
    "vercel",
  );
  const fired = result.result as { after: number; reason: string; instance: boolean };
  expect(fired.after).toBeGreaterThanOrEqual(1500);
  expect(fired.after).toBeLessThan(1510);
  expect(fired.reason).toBe("TimeoutError");
  expect(fired.instance).toBe(true);
});

test("an AbortController aborted by a timer rejects fetch with AbortError at that time", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 2000);
  try {
    await fetch("https://slow.example.com/", { signal: controller.signal });
  } catch (error) {
    return { name: error.name, message: error.message, at: Math.round(performance.now()) };
  }
};`),
    latency: { "slow.example.com": 20 },
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toMatchObject({ name: "AbortError", message: "This operation was aborted" });
  expect((result.result as { at: number }).at).toBeGreaterThanOrEqual(2000);
});

test("axios with a timeout shorter than the host fails like axios does", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const axios = require("axios");
exports.handler = async () => {
  try {
    await axios.get("https://api.stripe.com/v1/charges", { timeout: 5000 });
  } catch (error) {
    return { name: error.name, message: error.message, code: error.code, isAxiosError: axios.isAxiosError(error) };
  }
};`),
    latency: { "api.stripe.com": 12 },
    timeout: 30,
  });
  expect(result.result).toEqual({ name: "AxiosError", message: "timeout of 5000ms exceeded", code: "ECONNABORTED", isAxiosError: true });
  expectSeconds(result.elapsedSeconds, 5);
});

test("an uncaught axios timeout reports the axios call's line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import axios from "axios";
const client = axios.create({ baseURL: "https://api.stripe.com", timeout: 2000 });
export const handler = async () => {
  const { data } = await client.get("/v1/charges");
  return data;
};`),
    latency: { "api.stripe.com": 12 },
    timeout: 30,
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "AxiosError", message: "timeout of 2000ms exceeded", line: 4 });
});

test("https.get with a timeout option only emits 'timeout', like Node", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const https = require("https");
exports.handler = (event, context, callback) => {
  const req = https.get("https://legacy.example.com/report", { timeout: 1000 }, (res) => {
    let body = "";
    res.on("data", (chunk) => (body += chunk));
    res.on("end", () => callback(null, { status: res.statusCode, body: JSON.parse(body) }));
  });
  req.on("timeout", () => console.log("socket timeout"));
};`),
    latency: { "legacy.example.com": 2 },
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2);
  expect(result.stdout).toBe("socket timeout\n");
  expect(result.result).toEqual({ status: 200, body: { ok: true, url: "https://legacy.example.com/report" } });
});

test("a TypeScript handler with types runs and reports its own lines", async ({ engine }) => {
  const { result } = await engine.run({
    language: "typescript",
    code: js(`
import type { APIGatewayProxyHandlerV2 } from "aws-lambda";

interface Order {
  id: string;
  total: number;
}
enum Status { Pending, Paid }

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  const order: Order = { id: "o1", total: 42 };
  await wait(500);
  if (!event.body) {
    throw new TypeError(\`order \${order.id} has no body (status \${Status.Pending})\`);
  }
  return { statusCode: 200, body: JSON.stringify(order) };
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "TypeError", message: "order o1 has no body (status 0)", line: 15 });
  expect(result.line).toBe(15);
  expectSeconds(result.elapsedSeconds, 0.5);
  expect(spansOf(result.timeline, "timer")[0]?.line).toBe(13);
});

test("a TypeScript timeout points at the awaited line", async ({ engine }) => {
  const { result } = await engine.run(
    {
      language: "typescript",
      code: js(`
type Reply = { text: string };
async function callModel(prompt: string): Promise<Reply> {
  const res = await fetch("https://api.anthropic.com/v1/messages", {
    method: "POST",
    body: JSON.stringify({ prompt }),
  });
  return (await res.json()) as Reply;
}

export async function handler(): Promise<Reply> {
  return callModel("hello");
}`),
      latency: { "api.anthropic.com": 90 },
      timeout: 60,
    },
    "aws-lambda",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(3);
  expect(result.elapsedSeconds).toBe(60);
});

test("export default { fetch } gets a real Request, env and ctx.waitUntil (Workers)", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default {
  async fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 5000)).then(() => console.log("background done")));
    const body = await request.json();
    return new Response(JSON.stringify({ method: request.method, path: new URL(request.url).pathname, got: body }), {
      status: 201,
      headers: { "content-type": "application/json" },
    });
  },
};`),
      event: { method: "POST", url: "https://worker.example.com/api/echo", body: { hello: "world" } },
    },
    "cloudflare-workers",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({
    status: 201,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "POST", path: "/api/echo", got: { hello: "world" } }),
  });
  expect(result.stdout).toBe("background done\n");
});

test("a GET route handler (Vercel / Next) answers with its Response", async ({ engine }) => {
  const code = js(`
export async function GET(request) {
  await new Promise((r) => setTimeout(r, 1200));
  return Response.json({ method: "GET", q: new URL(request.url).searchParams.get("q") });
}
export async function POST(request) {
  return Response.json({ method: "POST", body: await request.text() }, { status: 202 });
}`);
  const get = (await engine.run({ code, event: { url: "/api/search?q=lambda" } }, "vercel")).result;
  expect(get.verdict).toBe("ok");
  expectSeconds(get.elapsedSeconds, 1.2);
  expect(get.result).toMatchObject({ status: 200, body: JSON.stringify({ method: "GET", q: "lambda" }) });
  const post = (await engine.run({ code, event: { method: "POST", body: "hi" } }, "vercel")).result;
  expect(post.result).toMatchObject({ status: 202, body: JSON.stringify({ method: "POST", body: "hi" }) });
});

test("a route handler slower than the platform times out with FUNCTION_INVOCATION_TIMEOUT", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export async function GET() {
  const res = await fetch("https://api.openai.com/v1/responses");
  return new Response(await res.text());
}`),
      latency: { "api.openai.com": 25 },
    },
    "vercel",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(10);
  expect(result.line).toBe(2);
  expect(result.platformMessage).toBe("FUNCTION_INVOCATION_TIMEOUT");
});

test("Deno.serve registers the handler (Supabase edge function)", async ({ engine }) => {
  const { result } = await engine.run(
    {
      language: "typescript",
      code: js(`
import "jsr:@supabase/functions-js/edge-runtime.d.ts";

Deno.serve(async (req: Request) => {
  const { name } = await req.json();
  await new Promise((r) => setTimeout(r, 300));
  return new Response(JSON.stringify({ message: \`Hello \${name}!\` }), { headers: { "Content-Type": "application/json" } });
});`),
      event: { method: "POST", body: { name: "Functions" } },
    },
    "supabase-edge",
  );
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 0.3);
  expect(result.result).toMatchObject({ status: 200, body: JSON.stringify({ message: "Hello Functions!" }) });
});

test("a Vercel Node (req, res) handler answers through res.json", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
module.exports = async (req, res) => {
  await new Promise((r) => setTimeout(r, 100));
  res.status(418).json({ method: req.method, q: req.query.q });
};`),
      event: { url: "/api/tea?q=earl" },
    },
    "vercel",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toMatchObject({ status: 418, body: JSON.stringify({ method: "GET", q: "earl" }) });
});

test("awaited timers and fetches cost nothing on the CPU clock", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default {
  async fetch() {
    await new Promise((r) => setTimeout(r, 20_000));
    await fetch("https://slow.example.com/");
    return new Response("ok");
  },
};`),
      latency: { "slow.example.com": 30 },
    },
    "cloudflare-workers",
  );
  expect(result.verdict).toBe("ok");
  expect(result.elapsedSeconds).toBeLessThan(0.05);
  expect(spansOf(result.timeline, "network")[0]?.end).toBeCloseTo(50, 0);
});

test("a busy loop exceeds the CPU limit on its own line", async ({ engine }) => {
  const { result, realMs } = await engine.run(
    {
      code: js(`
export default {
  async fetch() {
    let n = 0;
    while (true) {
      n += Math.sqrt(n);
    }
  },
};`),
    },
    "cloudflare-workers",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(0.05);
  expect(result.line).toBe(4);
  expect(result.platformMessage).toBe("Error 1102: Worker exceeded resource limits");
  expect(realMs).toBeLessThan(5000);
});

test("an infinite loop on a wall platform is stopped within seconds and times out on its line", async ({ engine }) => {
  const { result, realMs } = await engine.run({
    code: js(`
exports.handler = async () => {
  let i = 0;
  for (;;) {
    i++;
  }
};`),
    timeout: 900,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(900);
  expect(result.line).toBe(3);
  expect(result.runaway).toBe(true);
  expect(realMs).toBeLessThan(10_000);
});

test("a busy loop on a wall platform times out at the deadline", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = async () => {
  const end = Date.now() + 5000;
  while (Date.now() < end) {}
  return "finished";
};`),
    timeout: 1,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(1);
  expect(result.line).toBe(3);
});

test("a catch inside the loop cannot swallow the stop", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = async () => {
  while (true) {
    try {
      JSON.parse("{");
    } catch (error) {
      continue;
    }
  }
};`),
    timeout: 0.5,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(2);
});

test("CPU work costs its real time on the wall clock", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = async () => {
  const t0 = performance.now();
  while (performance.now() - t0 < 30) {}
  return Math.round(performance.now() - t0);
};`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toBeGreaterThanOrEqual(30);
  expect(result.elapsedSeconds).toBeGreaterThanOrEqual(0.03);
  // The busy loop is the longest CPU span (module init may add a short one of its own).
  const longest = spansOf(result.timeline, "cpu").sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  expect(longest).toMatchObject({ line: 3 });
  expect(longest!.end - longest!.start).toBeGreaterThanOrEqual(0.03);
});

test("infinite recursion is a RangeError on the recursing line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
function walk(node) {
  return walk({ parent: node });
}
exports.handler = async () => walk({});`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "RangeError", message: "Maximum call stack size exceeded", line: 2 });
});

test("a syntax error reports the user's line and column", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async () => {
  const total = ;
  return total;
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("SyntaxError");
  expect(result.line).toBe(2);
  expect(result.error?.message).toBe("Unexpected token (2:17)");
});

test("an early error sucrase lets through is still a syntax error with a line", async ({ engine }) => {
  const { result } = await engine.run({
    language: "typescript",
    code: js(`
export const handler = async () => {
  let a = 1;
  let a = 2;
  return a;
};`),
  });
  expect(result.error).toMatchObject({ type: "SyntaxError", line: 3 });
});

test("a thrown error reports type, message and line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = async (event) => {
  await new Promise((r) => setTimeout(r, 250));
  const user = event.user;
  return user.name;
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("TypeError");
  expect(result.error?.message).toMatch(/Cannot read properties of undefined/);
  expect(result.line).toBe(4);
  expectSeconds(result.elapsedSeconds, 0.25);
  expect(result.platformMessage).toMatch(/Invoke Error$/);
});

test("an unhandled rejection fails the invocation like Lambda's Runtime.UnhandledPromiseRejection", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
async function audit() {
  await new Promise((r) => setTimeout(r, 100));
  throw new Error("audit log unavailable");
}
export const handler = async () => {
  audit();
  await new Promise((r) => setTimeout(r, 1000));
  return "ok";
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "Runtime.UnhandledPromiseRejection", message: "Error: audit log unavailable", line: 3 });
  expectSeconds(result.elapsedSeconds, 0.1);
});

test("no handler at all is reported, not run", async ({ engine }) => {
  const { result } = await engine.run({ code: "const x = 1;\n" });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("Runtime.HandlerNotFound");
});

test("top-level await is init time, which Lambda does not bill to the timeout", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const config = await new Promise((r) => setTimeout(() => r({ ready: true }), 2500));
export const handler = async () => {
  await new Promise((r) => setTimeout(r, 2000));
  return config;
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2);
  expect(spansOf(result.timeline, "init")[0]?.end).toBeCloseTo(2.5, 1);
});

test("a platform that counts init bills it", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
await new Promise((r) => setTimeout(r, 8000));
export async function GET() {
  await new Promise((r) => setTimeout(r, 3000));
  return new Response("late");
}`),
    },
    "vercel",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(10);
  expect(result.line).toBe(3);
});

test("an answer computed after the deadline passed is a timeout, not an ok", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
exports.handler = async () => {
  await new Promise((r) => setTimeout(r, 980));
  const until = performance.now() + 60;
  while (performance.now() < until) {}
  return "too late";
};`),
    timeout: 1,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(1);
  expect(result.line).toBe(4);
});

test("a setTimeout(0) chain on a web platform still moves time (HTML's 4 ms clamp)", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default {
  async fetch() {
    let ticks = 0;
    const t0 = Date.now();
    await new Promise((resolve) => {
      const tick = () => (++ticks === 100 ? resolve() : setTimeout(tick, 0));
      setTimeout(tick, 0);
    });
    return new Response(String(Date.now() - t0));
  },
};`),
    },
    "cloudflare-workers",
  );
  expect(result.verdict).toBe("ok");
  const waited = Number((result.result as { body: string }).body);
  expect(waited).toBeGreaterThanOrEqual(4 * 95);
  expect(waited).toBeLessThan(4 * 100 + 20);
});

test("Google Cloud Functions: a lone named export or functions.http gets Node's (req, res)", async ({ engine }) => {
  const named = await engine.run(
    {
      code: js(`
exports.helloHttp = async (req, res) => {
  await new Promise((r) => setTimeout(r, 50));
  res.send(\`Hello \${req.query.name}\`);
};`),
      event: { url: "/?name=gcf" },
    },
    "vercel",
  );
  expect(named.result.result).toMatchObject({ status: 200, body: "Hello gcf" });
  const framework = await engine.run(
    {
      code: js(`
const functions = require("@google-cloud/functions-framework");
functions.http("hello", (req, res) => res.status(202).json({ ok: true }));`),
    },
    "vercel",
  );
  expect(framework.result.result).toMatchObject({ status: 202, body: JSON.stringify({ ok: true }) });
});

test("vercel: a route's maxDuration within the plan replaces the project default as the deadline", async ({ engine }) => {
  const code = js(`
export const maxDuration = 20;

export async function GET() {
  await new Promise((r) => setTimeout(r, 15_000));
  return Response.json({ ok: true });
}`);
  const { result } = await engine.run({ code }, "vercel");
  expect(result.verdict).toBe("ok");
  expect(result.deadlineSeconds).toBe(20);
  expectSeconds(result.elapsedSeconds, 15);
  const late = await engine.run({ code: code.replace("15_000", "25_000") }, "vercel");
  expect(late.result.verdict).toBe("timeout");
  expect(late.result.elapsedSeconds).toBe(20);
  expect(late.result.line).toBe(4);
});

test("vercel: a maxDuration outside the plan fails the deployment before any code runs", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
console.log("module body ran");
export const maxDuration = 800; // copied from a Pro project

export async function GET() {
  return new Response("never deployed");
}`),
      filename: "app/(api)/api/report/route.ts",
    },
    "vercel",
  );
  expect(result.verdict).toBe("error");
  expect(result.elapsedSeconds).toBe(0);
  expect(result.line).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.error).toMatchObject({ type: "Error", line: 2 });
  expect(result.error?.message).toBe(
    'Builder returned invalid maxDuration value for Serverless Function "api/report". Serverless Functions must have a maxDuration between 1 and 300 for plan hobby. : https://vercel.com/docs/concepts/limits/overview#serverless-function-execution-timeout',
  );
  expect(result.platformMessage).toBe(`Error: ${result.error?.message}`);
  for (const bad of ["0", "0.5", "301"]) {
    const run = await engine.run({ code: `export const maxDuration = ${bad};\nexport function GET() { return new Response("x"); }` }, "vercel");
    expect(run.result.verdict, bad).toBe("error");
  }
});

test("vercel: config.maxDuration is read too; a computed value is not (the build reads literals only)", async ({ engine }) => {
  const pages = await engine.run(
    {
      code: js(`
export const config = {
  api: { bodyParser: false },
  maxDuration: 5,
};

export default async function handler(req, res) {
  await new Promise((r) => setTimeout(r, 8000));
  res.status(200).json({ ok: true });
}`),
    },
    "vercel",
  );
  expect(pages.result.verdict).toBe("timeout");
  expect(pages.result.deadlineSeconds).toBe(5);
  const computed = await engine.run(
    {
      code: js(`
export const maxDuration = Number(process.env.MAX_DURATION ?? 800);

export async function GET() {
  await new Promise((r) => setTimeout(r, 8000));
  return new Response("ok");
}`),
    },
    "vercel",
  );
  expect(computed.result.verdict).toBe("ok");
  expect(computed.result.deadlineSeconds).toBe(10);
});

test("maxDuration means nothing on other platforms", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const maxDuration = 900;
export const handler = async () => "ok";`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.deadlineSeconds).toBe(3);
});
