import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const BIN = path.join(import.meta.dirname, "deadline.mjs");
const fixture = (name: string) => path.join(import.meta.dirname, "__fixtures__", name);

async function deadline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const KEYS = ["verdict", "platform", "deadlineSeconds", "elapsedSeconds", "line", "error", "platformMessage", "stdout", "timeline"];

describe("deadline simulate", () => {
  test("--json prints exactly one JSON object with the result's keys; exit 0 when it fits", async () => {
    const { code, stdout } = await deadline("simulate", fixture("awaits-five-seconds.mjs"), "--timeout", "10", "--json");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of KEYS) expect(result).toHaveProperty(key);
    expect(result.verdict).toBe("ok");
    expect(result.result).toEqual({ ok: true });
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(5);
    expect(result.elapsedSeconds).toBeLessThan(5.5);
  });

  test("the handler's folder is its project; --handler, --model and --cost reach the run", async () => {
    const file = path.join(fixture("a handler that imports a sibling file"), "handler.ts");
    const missing = await deadline("simulate", file, "--json");
    expect(missing.code).toBe(2);
    const report = JSON.parse(missing.stdout) as { error: { type: string; imports: { module: string; line: number }[] } };
    expect(report.error.type).toBe("ImportsUnavailable");
    // ./db loads from the folder; only sharp is missing
    expect(report.error.imports.map((item) => [item.module, item.line])).toEqual([["sharp", 2]]);
    const ambiguous = await deadline("simulate", file, "--model", "sharp", "--json");
    expect((JSON.parse(ambiguous.stdout) as { error: { candidates: unknown[] } }).error.candidates).toEqual([
      { name: "main", kind: "function", line: 4 },
      { name: "unused", kind: "function", line: 10 },
    ]);
    const { code, stdout } = await deadline("simulate", file, "--handler", "handler.main", "--model", "sharp", "--cost", "sharp().resize().toBuffer=2", "--timeout", "10", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { verdict: string; elapsedSeconds: number; result: unknown; modelled: { calls: number; seconds: number } };
    expect(result.verdict).toBe("ok");
    expect(result.elapsedSeconds).toBeCloseTo(3.5, 1);
    expect(result.result).toEqual({ rows: 3, image: "[modelled sharp().resize().toBuffer()]" });
    expect(result.modelled).toEqual({ calls: 3, seconds: 2 });
  });

  test("exit 1 on a timeout, with the platform's own text and the line", async () => {
    const { code, stdout } = await deadline("simulate", fixture("awaits-five-seconds.mjs"), "--platform", "aws-lambda", "--timeout=3");
    expect(code).toBe(1);
    expect(stdout).toMatch(/Timed out at 3\.0 s at awaits-five-seconds\.mjs:2/);
    expect(stdout).toMatch(/Task timed out after 3\.00 seconds/);
    expect(stdout).toMatch(/timeline/);
  });

  test("a callback handler with a live interval holds the invocation open until the deadline", async () => {
    const { code, stdout } = await deadline("simulate", fixture("callback-with-live-interval.js"), "--json");
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { verdict: string; elapsedSeconds: number; deadlineSeconds: number };
    expect(result).toMatchObject({ verdict: "timeout", deadlineSeconds: 3, elapsedSeconds: 3 });
  });

  test("exit 2 on a handler error, reporting the user's line", async () => {
    const { code, stdout } = await deadline("simulate", fixture("syntax-error-on-line-3.ts"), "--json");
    expect(code).toBe(2);
    const result = JSON.parse(stdout) as { verdict: string; error: { type: string; line: number } };
    expect(result.verdict).toBe("error");
    expect(result.error).toMatchObject({ type: "SyntaxError", line: 3 });
  });

  test("--respond rules answer a readiness poll: the handler finishes once the server reports READY", async () => {
    const ready = ["simulate", fixture("polls-until-ready.mjs"), "--platform", "aws-lambda", "--timeout", "60", "--json"];
    const early = await deadline(...ready, "--respond", 'GET 127.0.0.1:5000/health-check => 200 {"status": "STARTING"}; from 20s 200 {"status": "READY"}');
    expect(early.code).toBe(0);
    const result = JSON.parse(early.stdout) as { elapsedSeconds: number; timeline: { kind: string; answer?: string }[]; notes?: unknown[] };
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(20);
    expect(result.elapsedSeconds).toBeLessThan(22);
    expect(result.timeline.filter((s) => s.kind === "network").every((s) => s.answer === "rule")).toBe(true);
    expect(result.notes).toBeUndefined();
    const late = await deadline(...ready, "--rules", JSON.stringify({ responses: [{ match: "GET 127.0.0.1:5000/health-check", answers: [{ json: { status: "STARTING" } }, { from: 90, json: { status: "READY" } }] }] }));
    expect(late.code).toBe(1);
  });

  test("calls that no response rule answers are listed as having got the default answer", async () => {
    const { stdout } = await deadline("simulate", fixture("polls-until-ready.mjs"), "--platform", "aws-lambda", "--timeout", "5");
    expect(stdout).toMatch(/note: \d+ calls got the default answer/);
  });

  test.each([
    [["simulate", fixture("awaits-five-seconds.mjs"), "--platform", "nowhere"], /unknown platform "nowhere"/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--respond", "GET a.test 200"], /METHOD URL =>/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--cost", "pipe()"], /pattern=seconds/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--rules", '{"cost": {"x": -1}}'], /--rules\.cost\.x/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--rules", "@nowhere.json"], /cannot read --rules file/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--frobnicate"], /unknown flag --frobnicate/],
    [["simulate", fixture("no-such-file.js")], /cannot read/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--event", "{not json"], /--event is not valid JSON/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--timeout", "-4"], /--timeout must be a positive number/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--timeout", "2000"], /accepts timeouts from 1 to 900 s/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--latency", "api.openai.com"], /host=seconds/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--platform", "runpod"], /does not run javascript/],
    [["explode"], /unknown command "explode"/],
  ])("usage error %# exits 64 with one line on stderr", async (args, message) => {
    const { code, stdout, stderr } = await deadline(...args);
    expect(code).toBe(64);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

test("every subcommand prints its usage with --help", async () => {
  for (const command of ["simulate", "platforms", "search"]) {
    const { code, stdout } = await deadline(command, "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/--respond/);
  }
  for (const args of [["notes", "--help"], ["notes", "import", "--help"], ["notes", "export", "-h"]]) {
    const { code, stdout } = await deadline(...args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/deadline notes import \[<file>\] \[--dry-run\]/);
  }
});

describe("deadline platforms", () => {
  test("--json lists every preset with its limits", async () => {
    const { code, stdout } = await deadline("platforms", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; clock: string; defaultTimeout: number | null }[];
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(["runpod", "aws-lambda", "cloudflare-workers", "celery"]));
    expect(rows.find((r) => r.id === "aws-lambda")).toMatchObject({ clock: "wall", defaultTimeout: 3 });
    expect(rows.find((r) => r.id === "cloudflare-workers")).toMatchObject({ clock: "cpu" });
  });
});

test("--env and --env-file set environment variables the handler reads, over the platform's own", async () => {
  const dir = await import("node:fs/promises").then((fs) => fs.mkdtemp(path.join((process.env.TMPDIR ?? "/tmp"), "deadline-env-")));
  const fs = await import("node:fs/promises");
  const file = path.join(dir, "reads-env.mjs");
  await fs.writeFile(file, "export const handler = async () => ({ key: process.env.API_KEY, mode: process.env.MODE, region: process.env.AWS_REGION });\n");
  await fs.writeFile(path.join(dir, ".env"), "# settings\nAPI_KEY='from-file'\nMODE=batch # trailing comment\n");
  const { code, stdout } = await deadline("simulate", file, "--platform", "aws-lambda", "--env-file", path.join(dir, ".env"), "--env", "MODE=stream", "--json");
  expect(code).toBe(0);
  expect((JSON.parse(stdout) as { result: unknown }).result).toEqual({ key: "from-file", mode: "stream", region: "us-east-1" });
  const bad = await deadline("simulate", file, "--env", "not a pair");
  expect(bad.code).toBe(64);
  expect(bad.stderr).toMatch(/KEY=VALUE/);
});
