import { expect } from "vitest";
import type { Span } from "../types";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Modelled modules: declared present, never run. Their calls are "modelled" spans that take the
// time of the most specific cost rule naming them; everything they return is inert.

const js = (code: string) => code.replace(/^\n/, "");
const modelledSpans = (timeline: Span[]) => timeline.filter((span) => span.kind === "modelled");

test("a call chain costs the sum of its links, each a span on its own line with the rule that set it", async ({ engine }) => {
  const { result } = await engine.run({
    model: ["sharp"],
    cost: { "sharp().resize().toBuffer": 2, "sharp()": 0.5 },
    code: js(`
import sharp from "sharp";
export const handler = async (event) => {
  const image = sharp(event.body);
  const thumbnail = await image
    .resize(200)
    .toBuffer();
  return { size: String(thumbnail) };
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2.5);
  expect(result.result).toEqual({ size: "[modelled sharp().resize().toBuffer()]" });
  const spans = modelledSpans(result.timeline);
  expect(spans.map(({ label, cost, line }) => ({ label, cost, line }))).toEqual([
    { label: "modelled: sharp", cost: "sharp()", line: 3 },
    { label: "modelled: sharp().resize", cost: undefined, line: 5 },
    { label: "modelled: sharp().resize().toBuffer", cost: "sharp().resize().toBuffer", line: 6 },
  ]);
  // resize waits for sharp() to settle, toBuffer for resize: 0.5 s, then 2 s more
  expect((spans[2]?.end ?? 0) - (spans[0]?.start ?? 0)).toBeCloseTo(2.5, 1);
});

test("calls started together overlap: Promise.all of two costs the longer one", async ({ engine }) => {
  const { result } = await engine.run({
    model: ["@prisma/client"],
    cost: { "@prisma/client.PrismaClient.user.findMany": 1.5, "*.findMany": 9, "@prisma/client.PrismaClient.post.count": 0.7 },
    code: js(`
const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();
exports.handler = async () => {
  const [users, posts] = await Promise.all([prisma.user.findMany(), prisma.post.count()]);
  return [typeof users, String(posts)];
};`),
  });
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 1.5);
  const spans = modelledSpans(result.timeline);
  // the most specific rule wins over "*.findMany"
  expect(spans.map((span) => [span.label, span.cost, span.line])).toEqual([
    ["modelled: new @prisma/client.PrismaClient", undefined, 2],
    ["modelled: @prisma/client.PrismaClient.user.findMany", "@prisma/client.PrismaClient.user.findMany", 4],
    ["modelled: @prisma/client.PrismaClient.post.count", "@prisma/client.PrismaClient.post.count", 4],
  ]);
  expect(result.result).toEqual(["function", "[modelled @prisma/client.PrismaClient.post.count()]"]);
});

test("a rule may name the call by the variable at the call site", async ({ engine }) => {
  const { result } = await engine.run({
    model: ["node-llama-cpp"],
    cost: { "model.generate": 12 },
    timeout: 10,
    code: js(`
import { LlamaModel } from "node-llama-cpp";
const model = new LlamaModel({ modelPath: "/models/llama.gguf" });
export const handler = async () => {
  const text = await model.generate("hello");
  return { text: String(text) };
};`),
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(10);
  expect(result.line).toBe(4);
  const generate = modelledSpans(result.timeline).find((span) => span.cost === "model.generate");
  expect(generate?.label).toBe("modelled: node-llama-cpp.LlamaModel.generate (pending at the deadline)");
  expect(generate?.line).toBe(4);
});

test("inert values: no hang on await, instanceof false, subclasses work, iteration is empty, placeholders print", async ({ engine }) => {
  const { result } = await engine.run({
    model: ["sharp"],
    code: js(`
import sharp from "sharp";
class Resizer extends sharp.Sharp {
  size() { return 128; }
}
export const handler = async () => {
  const namespace = await import("sharp");
  const version = await sharp.versions.vips;
  const resizer = new Resizer();
  const items = [...sharp.formats];
  const keys = Object.keys(sharp.cache);
  let asyncCount = 0;
  for await (const _ of sharp.queue) asyncCount++;
  console.log(\`\${sharp.format.jpeg}\`, sharp.concurrency);
  return {
    namespace: String(namespace.default),
    version: String(version),
    instance: resizer instanceof sharp.Sharp,
    subclass: resizer instanceof Resizer,
    size: resizer.size(),
    inherited: String(resizer.metadata()),
    items: items.length,
    keys,
    asyncCount,
    json: JSON.stringify({ image: sharp("x") }),
    number: Number.isNaN(+sharp.concurrency),
  };
};`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({
    namespace: "[modelled sharp]",
    version: "[modelled sharp.versions.vips]",
    instance: false,
    subclass: true,
    size: 128,
    inherited: "[modelled sharp.Sharp.metadata()]",
    items: 0,
    keys: [],
    asyncCount: 0,
    json: '{"image":"[modelled sharp()]"}',
    number: true,
  });
  expect(result.stdout).toBe("[modelled sharp.format.jpeg] [modelled sharp.concurrency]\n");
  expect(result.elapsedSeconds).toBeLessThan(0.5);
});

test("sync use returns at once; the span still shows the cost, and a Node-style callback runs when it has passed", async ({ engine }) => {
  const { result } = await engine.run({
    model: ["bcryptjs"],
    cost: { "bcryptjs.hashSync": 4, "bcryptjs.hash": 1.2 },
    code: js(`
const bcrypt = require("bcryptjs");
exports.handler = (event, context, callback) => {
  const started = Date.now();
  const sync = bcrypt.hashSync("pw", 10);
  bcrypt.hash("pw", 10, (error, hash) => {
    callback(null, { error, hash: String(hash), waited: Date.now() - started, sync: String(sync) });
  });
};`),
  });
  expect(result.verdict).toBe("ok");
  const { waited, ...rest } = result.result as { waited: number };
  expect(rest).toEqual({ error: null, hash: "[modelled bcryptjs.hash()]", sync: "[modelled bcryptjs.hashSync()]" });
  // the virtual clock also counts the real milliseconds the handler's own code ran, so a loaded
  // machine can add one or two to the modelled 1.2 s
  expect(waited).toBeGreaterThanOrEqual(1200);
  expect(waited).toBeLessThan(1250);
  const spans = modelledSpans(result.timeline);
  // hashSync's result was never awaited, so its 4 s were not waited for: when the invocation
  // answered at 1.2 s the span was still running, and says so
  expect(spans.map((span) => [span.label, span.cost, Math.round((span.end - span.start) * 10) / 10])).toEqual([
    ["modelled: bcryptjs.hashSync (still pending when the run ended)", "bcryptjs.hashSync", 1.2],
    ["modelled: bcryptjs.hash", "bcryptjs.hash", 1.2],
  ]);
});
