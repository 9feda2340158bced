import { expect } from "vitest";
import type { ResponseRule } from "../types";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Every client asks the same response rules: fetch, axios and node:http get the rule's status,
// headers and body, and a rule's refused or dropped connection fails each with its own error.

const js = (code: string) => code.replace(/^\n/, "");
const unavailable: ResponseRule = { match: "POST api.example.com/v1/*", answers: [{ status: 503, json: { error: "overloaded" }, latency: 0.4 }] };
const refused: ResponseRule = { match: "localhost:8188", answers: [{ connection: "refused" }] };
const dropped: ResponseRule = { match: "db.internal", answers: [{ connection: "dropped" }] };

test("fetch: a rule's status and JSON body", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [unavailable],
    code: js(`
export const handler = async () => {
  const res = await fetch("https://api.example.com/v1/chat", { method: "POST" });
  return { status: res.status, ok: res.ok, body: await res.json() };
};`),
  });
  expect(result.result).toEqual({ status: 503, ok: false, body: { error: "overloaded" } });
  expect(result.timeline.find((span) => span.kind === "network")).toMatchObject({ status: 503, answer: "rule", latency: 0.4, line: 2 });
});

test("fetch: a refused connection is undici's TypeError('fetch failed') caused by ECONNREFUSED, at once", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [refused],
    code: js(`
export const handler = async () => {
  try {
    await fetch("http://localhost:8188/history");
  } catch (error) {
    return { name: error.name, message: error.message, cause: error.cause.message, code: error.cause.code, at: Date.now() % 1000 < 5 };
  }
};`),
  });
  expect(result.result).toEqual({ name: "TypeError", message: "fetch failed", cause: "connect ECONNREFUSED 127.0.0.1:8188", code: "ECONNREFUSED", at: expect.any(Boolean) });
  expect(result.elapsedSeconds).toBeLessThan(0.05);
  expect(result.timeline.find((span) => span.kind === "network")).toMatchObject({ label: "GET http://localhost:8188/history (connection refused)", answer: "rule" });
});

test("fetch: a dropped connection fails when undici's 10 s connect timeout fires", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [dropped],
    timeout: 30,
    code: js(`
export const handler = async () => {
  await fetch("https://db.internal/query");
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "TypeError", message: "fetch failed", line: 2 });
  expectSeconds(result.elapsedSeconds, 10);
  const withSignal = await engine.run({
    responses: [dropped],
    timeout: 30,
    code: js(`
export const handler = async () => {
  try {
    await fetch("https://db.internal/query", { signal: AbortSignal.timeout(3000) });
  } catch (error) {
    return error.name;
  }
};`),
  });
  expect(withSignal.result).toMatchObject({ verdict: "ok", result: "TimeoutError" });
  expectSeconds(withSignal.result.elapsedSeconds, 3);
  const cause = await engine.run({
    responses: [dropped],
    timeout: 30,
    code: 'export const handler = async () => fetch("https://db.internal:5432/q").catch((e) => [e.cause.name, e.cause.code, e.cause.message]);\n',
  });
  expect(cause.result.result).toEqual(["ConnectTimeoutError", "UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error (attempted address: db.internal:5432, timeout: 10000ms)"]);
});

test("axios: a 503 rejects with AxiosError 'Request failed with status code 503' (ERR_BAD_RESPONSE), a 404 with ERR_BAD_REQUEST", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [unavailable, { match: "GET api.example.com/missing", answers: [{ status: 404, text: "nope" }] }],
    code: js(`
import axios from "axios";
export const handler = async () => {
  const outcomes = [];
  for (const call of [() => axios.post("https://api.example.com/v1/chat", {}), () => axios.get("https://api.example.com/missing")]) {
    try {
      await call();
    } catch (error) {
      outcomes.push([error instanceof axios.AxiosError, error.name, error.message, error.code, error.status, error.response.status, error.response.data]);
    }
  }
  const passed = await axios.get("https://api.example.com/missing", { validateStatus: () => true });
  outcomes.push([passed.status, passed.statusText, passed.data]);
  return outcomes;
};`),
  });
  expect(result.result).toEqual([
    [true, "AxiosError", "Request failed with status code 503", "ERR_BAD_RESPONSE", 503, 503, { error: "overloaded" }],
    [true, "AxiosError", "Request failed with status code 404", "ERR_BAD_REQUEST", 404, 404, "nope"],
    [404, "Not Found", "nope"],
  ]);
  expectSeconds(result.elapsedSeconds, 0.5);
  expect(result.timeline.filter((span) => span.kind === "network").map((span) => [span.status, span.answer])).toEqual([
    [503, "rule"],
    [404, "rule"],
    [404, "rule"],
  ]);
});

test("axios: refused is ECONNREFUSED on an AxiosError; a dropped connection ignores axios' timeout (armed on connect) and fails at the kernel's connect ETIMEDOUT", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [refused, dropped],
    timeout: 300,
    code: js(`
const axios = require("axios");
exports.handler = async () => {
  const refused = await axios.get("http://localhost:8188/").catch((e) => [axios.isAxiosError(e), e.code, e.message]);
  const dropped = await axios.get("https://db.internal/", { timeout: 5000 }).catch((e) => [e.code, e.message, e.syscall]);
  return { refused, dropped };
};`),
  });
  expect(result.result).toEqual({ refused: [true, "ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8188"], dropped: ["ETIMEDOUT", "connect ETIMEDOUT db.internal:443", "connect"] });
  expectSeconds(result.elapsedSeconds, 127);
  const hangs = await engine.run({ responses: [dropped], timeout: 30, code: 'const axios = require("axios");\nexports.handler = async () => {\n  return axios.get("https://db.internal/", { timeout: 5000 });\n};\n' });
  expect(hangs.result).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 3 });
});

test("axios: the timeout is idle time once connected: a slow first byte, or one gap between body chunks, longer than it fails; a long body with short gaps does not", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [
      { match: "api.example.com/slow", answers: [{ latency: 8, json: { ok: 1 } }] },
      { match: "api.example.com/gappy", answers: [{ latency: 1, chunks: 3, gap: 6, json: { ok: 2 } }] },
      { match: "api.example.com/steady", answers: [{ latency: 1, chunks: 10, gap: 4, json: { ok: 3 } }] },
    ],
    timeout: 120,
    code: js(`
const axios = require("axios");
const at = async (p) => { const t = Date.now(); try { const r = await p; return [r.data, Date.now() - t]; } catch (e) { return [e.code, e.message, Date.now() - t]; } };
exports.handler = async () => ({
  slow: await at(axios.get("https://api.example.com/slow", { timeout: 5000 })),
  gappy: await at(axios.get("https://api.example.com/gappy", { timeout: 5000, transitional: { clarifyTimeoutError: true } })),
  steady: await at(axios.get("https://api.example.com/steady", { timeout: 5000 })),
});`),
  });
  expect(result.result).toEqual({
    slow: ["ECONNABORTED", "timeout of 5000ms exceeded", expect.closeTo(5000, -1)],
    gappy: ["ETIMEDOUT", "timeout of 5000ms exceeded", expect.closeTo(6000, -1)],
    steady: [{ ok: 3 }, expect.closeTo(41000, -1)],
  });
});

test("http: statusCode, headers and the body stream come from the rule", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [{ match: "GET api.example.com/items", answers: [{ status: 202, headers: { "X-Queue": "7" }, json: { items: [1, 2] }, latency: 1.2 }] }],
    code: js(`
const https = require("node:https");
exports.handler = (event, context, callback) => {
  https.get("https://api.example.com/items", (res) => {
    const chunks = [];
    res.on("data", (chunk) => chunks.push(chunk));
    res.on("end", () => callback(null, { status: res.statusCode, message: res.statusMessage, queue: res.headers["x-queue"], body: JSON.parse(Buffer.concat(chunks).toString()) }));
  });
};`),
  });
  expect(result.result).toEqual({ status: 202, message: "Accepted", queue: "7", body: { items: [1, 2] } });
  expectSeconds(result.elapsedSeconds, 1.2);
  const iterated = await engine.run({
    responses: [{ match: "api.example.com", answers: [{ text: "streamed" }] }],
    code: js(`
import http from "http";
export const handler = async () => {
  const res = await new Promise((resolve) => http.get("http://api.example.com/", resolve));
  res.setEncoding("utf8");
  let text = "";
  for await (const chunk of res) text += chunk;
  return text;
};`),
  });
  expect(iterated.result.result).toBe("streamed");
});

test("http: refused emits 'error' with ECONNREFUSED; dropped only ends when the socket timeout fires", async ({ engine }) => {
  const { result } = await engine.run({
    responses: [refused, dropped],
    timeout: 60,
    code: js(`
const http = require("http");
const call = (url, setup) => new Promise((resolve) => {
  const req = http.request(url, () => resolve("answered"));
  req.on("error", (error) => resolve([error.code, error.message, Date.now()]));
  setup(req);
  req.end();
});
exports.handler = async () => {
  const started = Date.now();
  const refused = await call("http://localhost:8188/", () => {});
  const dropped = await call("http://db.internal/", (req) => {
    req.on("socket", (socket) => socket.setTimeout(4000, () => req.destroy(new Error("socket timed out"))));
  });
  return { refused: refused.slice(0, 2), dropped: dropped.slice(0, 2), took: Date.now() - started };
};`),
  });
  expect(result.result).toEqual({ refused: ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8188"], dropped: [null, "socket timed out"], took: expect.closeTo(4000, -2) });
  const hangs = await engine.run({
    responses: [dropped],
    timeout: 20,
    code: 'const http = require("http");\nexports.handler = async () => new Promise((resolve) => {\n  const req = http.get({ host: "db.internal", path: "/", timeout: 2000 }, resolve);\n  req.on("timeout", () => console.log("timeout at", Date.now() % 100000 > 0));\n});\n',
  });
  // the 'timeout' event only informs: nothing destroys the request, so it runs into the deadline
  expect(hangs.result).toMatchObject({ verdict: "timeout", elapsedSeconds: 20, line: 3, stdout: "timeout at true\n" });
});
