import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";

const BIN = path.join(import.meta.dirname, "deadline.mjs");
const CONTENT = path.join(import.meta.dirname, "..", "lib", "search", "__fixtures__", "two-articles");

function deadline(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DEADLINE_CONTENT_DIR: CONTENT } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

describe("deadline search", () => {
  test("a query argument: numbered results with the platform and the article's address", async () => {
    const { code, stdout, stderr } = await deadline(["search", "Task timed out after 12.01 seconds"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^1\. AWS Lambda: Task timed out after N seconds {2}\[AWS Lambda, \d\.\d\d\]$/);
    expect(stdout).toMatch(/\/errors\/lambda-task-timed-out/);
  });

  test("the query from stdin when none is given: a multi-line paste", async () => {
    const paste = 'HTTP/1.1 504 Gateway Timeout\n{\n  "message": "Endpoint request timed out"\n}\n';
    const { code, stdout } = await deadline(["search", "--json"], paste);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as Record<string, unknown>[];
    expect(results[0]).toMatchObject({ slug: "gateway-endpoint-timed-out", platform: "aws-api-gateway" });
    expect(Object.keys(results[0]!).sort()).toEqual(["platform", "score", "slug", "title", "url"]);
    expect(results[0]!.url).toMatch(/^https?:\/\/.+\/errors\/gateway-endpoint-timed-out/);
  });

  test("--limit bounds the results; --json prints exactly one line", async () => {
    const { code, stdout } = await deadline(["search", "timed out", "--limit", "1", "--json"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(stdout)).toHaveLength(1);
  });

  test("exit 1 when no article matches at all", async () => {
    const { code, stdout } = await deadline(["search", "--json", "zzzqqq"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  test.each([
    [["search", "x", "--limit", "0"], /--limit must be a whole number from 1 to 50/],
    [["search", "x", "--limit"], /--limit needs a value/],
    [["search", "x", "--frobnicate"], /unknown flag --frobnicate/],
    [["search"], /search needs a query/],
  ])("usage error %# exits 64 with one line on stderr", async (args, message) => {
    const { code, stdout, stderr } = await deadline(args, "");
    expect(code).toBe(64);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
