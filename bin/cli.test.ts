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

  test("--concurrency: simultaneous requests to a Flask app on Heroku, one row per request in the text and in --json", async () => {
    const args = ["simulate", fixture("flask-report-calls-a-slow-warehouse.py"), "--platform", "heroku", "--concurrency", "3", "--latency", "warehouse.internal.example=45", "--event", '{"method": "POST", "path": "/reports"}'];
    const text = await deadline(...args);
    expect(text.code).toBe(1);
    // Two sync workers (the buildpack's WEB_CONCURRENCY): request 3 waits 45 s for one, and the
    // router answers all three with H12 at 30 s while the dyno works on (the tenths of the
    // queue and of the dyno's end hold the real CPU time the requests took).
    const rows = text.stdout.slice(text.stdout.indexOf("each of the 3 simultaneous requests:")).split("\n").slice(1, 5);
    expect(rows[0]).toMatch(/^\s+request\s+verdict\s+status\s+queued\s+took\s+line$/);
    expect(rows[1]).toMatch(/^\s+1\s+timed out\s+503\s+0\.0 s\s+30\.0 s\s+flask-report-calls-a-slow-warehouse\.py:9\s+server done at 45\.\d s$/);
    expect(rows[2]).toMatch(/^\s+2\s+timed out\s+503\s+0\.0 s\s+30\.0 s\s+flask-report-calls-a-slow-warehouse\.py:9\s+server done at 45\.\d s$/);
    expect(rows[3]).toMatch(/^\s+3\s+timed out\s+503\s+45\.\d s\s+30\.0 s\s+server done at 90\.\d s$/);
    const json = await deadline(...args, "--json");
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as { verdict: string; requests: { index: number; verdict: string; status: number | null; queuedSeconds: number; elapsedSeconds: number; line: number | null }[] };
    expect(result.verdict).toBe("timeout");
    expect(result.requests.map((r) => [r.index, r.verdict, r.status, Math.round(r.queuedSeconds), Math.round(r.elapsedSeconds), r.line])).toEqual([
      [1, "timeout", 503, 0, 30, 9],
      [2, "timeout", 503, 0, 30, 9],
      [3, "timeout", 503, 45, 30, null],
    ]);
    // With workers enough (WEB_CONCURRENCY=3) and a fast warehouse, every request is answered at once.
    const roomy = await deadline("simulate", fixture("flask-report-calls-a-slow-warehouse.py"), "--platform", "heroku", "--concurrency", "3", "--env", "WEB_CONCURRENCY=3", "--latency", "warehouse.internal.example=2", "--event", '{"method": "POST", "path": "/reports"}', "--json");
    expect(roomy.code).toBe(0);
    expect((JSON.parse(roomy.stdout) as typeof result).requests.map((r) => [r.verdict, r.status, r.queuedSeconds])).toEqual([
      ["ok", 200, 0],
      ["ok", 200, 0],
      ["ok", 200, 0],
    ]);
  });

  test("without --concurrency there is no per-request table", async () => {
    const { stdout } = await deadline("simulate", fixture("awaits-five-seconds.mjs"), "--timeout", "10");
    expect(stdout).not.toContain("simultaneous requests");
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
    [["simulate", fixture("awaits-five-seconds.mjs"), "--concurrency", "0"], /--concurrency must be a whole number of simultaneous requests from 1 to 50, got "0"/],
    [["simulate", fixture("awaits-five-seconds.mjs"), "--concurrency", "3"], /simulated for Python servers .* on gunicorn and heroku/],
    [["explode"], /unknown command "explode"/],
  ])("usage error %# exits 64 with one line on stderr", async (args, message) => {
    const { code, stdout, stderr } = await deadline(...args);
    expect(code).toBe(64);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe("--help", () => {
  // What each command's usage must name, written out here rather than read from bin/launch.ts.
  const expected: Record<string, string[]> = {
    simulate: ["--platform", "--plan", "--timeout", "--handler", "--event", "--latency", "--respond", "--model", "--cost", "--rules", "--env", "--env-file", "--python-path", "--no-project", "--concurrency", "--json"],
    check: ["--config", "--max-share", "--workers", "--reporter", "--json", "--init"],
    platforms: ["--json"],
    search: ["--limit", "--json"],
    notes: ["export", "import", "--dry-run"],
  };

  test.each(Object.entries(expected))("deadline %s --help exits 0 and names every flag the command reads", async (command, flags) => {
    const { code, stdout, stderr } = await deadline(command, "--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`^usage:\\n  deadline ${command}`));
    for (const flag of flags) expect(stdout).toMatch(new RegExp(`(^|\\s)${flag}(?![\\w-])`));
    // Only this command's usage, not the others'.
    for (const other of Object.keys(expected).filter((c) => c !== command)) expect(stdout).not.toContain(`deadline ${other} `);
    expect(stdout).toMatch(/^exit codes:/m);
    // -h and `deadline help <command>` print the same.
    expect((await deadline(command, "-h")).stdout).toBe(stdout);
    expect((await deadline("help", command)).stdout).toBe(stdout);
  });

  test("every flag a command's parser accepts is in its usage", async () => {
    const { FLAGS, usageOf } = await import("./launch");
    for (const [command, { valued, booleans }] of Object.entries(FLAGS)) {
      const text = usageOf(command as keyof typeof FLAGS);
      for (const flag of [...valued, ...booleans]) expect(text, `${command} --${flag}`).toMatch(new RegExp(`--${flag}(?![\\w-])`));
    }
  });

  test("deadline --help lists every command and its flags", async () => {
    const { code, stdout } = await deadline("--help");
    expect(code).toBe(0);
    for (const command of Object.keys(expected)) expect(stdout).toContain(`deadline ${command}`);
    for (const flag of Object.values(expected).flat()) expect(stdout).toContain(flag);
    expect(stdout).toContain("deadline --version");
  });
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
