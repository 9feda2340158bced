import { expect } from "vitest";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Every import is answered before the handler runs: the ones the simulator cannot provide are
// reported together, in line order, each with a way forward, and nothing runs.

const js = (code: string) => code.replace(/^\n/, "");

test("every unavailable import is reported at once, in line order, and nothing runs", async ({ engine }) => {
  const { result } = await engine.run({
    language: "typescript",
    code: js(`
import type { Handler } from "aws-lambda";
import sharp from "sharp";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "./lib/db.js";
export { helper } from "../shared/helper";
import { Redis } from "@upstash/redis";
console.log("module body ran");

const lazy = () => import("bcrypt");
export const handler: Handler = async () => {
  const { readFileSync } = require("node:fs");
  return { db, sharp, Redis, lazy, readFileSync, sleep };
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("ImportsUnavailable");
  expect(result.error?.imports?.map(({ module, line }) => [module, line])).toEqual([
    ["sharp", 2],
    ["./lib/db.js", 4],
    ["../shared/helper", 5],
    ["@upstash/redis", 6],
    ["bcrypt", 9],
    ["node:fs", 11],
  ]);
  expect(result.line).toBe(2);
  expect(result.error?.line).toBe(2);
  // nothing ran: no output, no timeline, no platform text (the platform never saw this code)
  expect(result.stdout).toBe("");
  expect(result.timeline).toEqual([]);
  expect(result.platformMessage).toBeNull();
  const hints = Object.fromEntries((result.error?.imports ?? []).map(({ module, hint }) => [module, hint]));
  expect(hints.sharp).toContain("--model sharp");
  expect(hints.sharp).toContain(`"Modelled modules"`);
  expect(hints.sharp).toContain("simulate.model: [sharp]");
  expect(hints.sharp).toContain("--cost 'sharp.*=2'");
  expect(hints["./lib/db.js"]).toContain("the editor holds one file; the CLI loads the handler's folder");
  expect(hints["@upstash/redis"]).toContain("remote service");
  expect(hints["@upstash/redis"]).toContain("--latency and --respond rules");
  expect(hints["node:fs"]).toContain("node:fs is a Node built-in the simulator does not provide");
  // the message lists each import with its line; no internal path or stack frame
  const message = result.error?.message ?? "";
  expect(message).toMatch(/^6 imports are not available in the simulator, so the handler was not run:\n {2}line 2: sharp: /);
  expect(message).toContain("\n  line 11: node:fs: ");
  expect(message).not.toMatch(/\/deadline\/|lib\/runner|\bat \w+ \(/);
});

test("a require inside try is the code's own business: it is not reported, and fails where it is caught", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
let native = null;
try {
  native = require("sharp");
} catch (error) {
  console.log(error.name, error.message.split(":")[0]);
}
exports.handler = async () => ({ native });`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ native: null });
  expect(result.stdout).toBe("ModuleNotAvailableError sharp is not available in the simulator\n");
});

test("type-only imports and .d.ts references are not imports at run time", async ({ engine }) => {
  const { result } = await engine.run({
    language: "typescript",
    code: js(`
import "jsr:@supabase/functions-js/edge-runtime.d.ts";
import type { Context } from "some-types-package";
import { APIGatewayProxyEvent } from "types-used-only-as-types";
export const handler = async (event: APIGatewayProxyEvent, context: Context) => ({ ok: true });`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ ok: true });
});

test("the simulator's own modules, npm: and CDN specifiers answer without a project", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import axios from "npm:axios@1.7.0";
import fetchFn from "https://esm.sh/node-fetch@3";
import { EventEmitter } from "node:events";
import { promisify } from "util";
export const handler = async () => [typeof axios.get, typeof fetchFn, typeof EventEmitter, typeof promisify];`),
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual(["function", "function", "function", "function"]);
});

test("model: ['*'] models every import nothing else answers; a declared model answers its own name", async ({ engine }) => {
  const code = js(`
import sharp from "sharp";
import { Pool } from "@neondatabase/serverless";
export const handler = async () => [String(sharp), String(new Pool())];`);
  const partial = await engine.run({ code, model: ["sharp"] });
  expect(partial.result.error?.imports?.map((item) => item.module)).toEqual(["@neondatabase/serverless"]);
  const all = await engine.run({ code, model: ["*"] });
  expect(all.result.verdict).toBe("ok");
  expect(all.result.result).toEqual(["[modelled sharp]", "[modelled @neondatabase/serverless.Pool]"]);
});

test("a dynamic require the scan could not see still fails with the same hint at run time", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const name = ["sha", "rp"].join("");
exports.handler = async () => {
  return require(name);
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("ModuleNotAvailableError");
  expect(result.error?.message).toContain("sharp is not available in the simulator: sharp is not one of the simulator's packages");
  expect(result.line).toBe(3);
});

test("node:path and node:os are provided, with Node's POSIX answers", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import path, { join } from "node:path";
import os from "os";
export const handler = async () => [
  join("/var/task", "../lib", "./x.json"),
  path.resolve("data", "a.txt"),
  path.relative("/a/b/c", "/a/d"),
  path.basename("/x/report.pdf", ".pdf"),
  path.extname("archive.tar.gz"),
  path.dirname("/var/task/"),
  join("..", "a", "..", "..", "b"),
  os.platform(),
  os.tmpdir(),
];`),
  });
  expect(result.result).toEqual(["/var/lib/x.json", "/var/task/data/a.txt", "../../d", "report", ".gz", "/var", "../../b", "linux", "/tmp"]);
});

test("Deno's XMLHttpRequest polyfill defines the global over the simulated fetch, for this run only", async ({ engine }) => {
  const code = js(`
import "https://deno.land/x/xhr@0.3.0/mod.ts";
Deno.serve(async () => {
  const xhr = new XMLHttpRequest();
  const loaded = new Promise((resolve) => (xhr.onload = resolve));
  xhr.open("GET", "https://api.example.com/slow");
  xhr.send();
  await loaded;
  return new Response(\`\${xhr.status} \${xhr.responseText}\`);
});`);
  const { result } = await engine.run({ language: "typescript", code, latency: { "api.example.com": 2 }, responses: [{ match: "api.example.com/slow", answers: [{ status: 201, text: "made" }] }] }, "supabase-edge");
  expect(result.verdict, JSON.stringify(result.error)).toBe("ok");
  expect(result.result).toMatchObject({ body: "201 made" });
  expectSeconds(result.elapsedSeconds, 2);
  const after = await engine.run({ code: "exports.handler = async () => typeof XMLHttpRequest;\n" });
  expect(after.result.result).toBe("undefined");
});
