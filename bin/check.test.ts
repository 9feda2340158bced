import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const BIN = path.join(import.meta.dirname, "deadline.mjs");
const PROJECT = path.join(import.meta.dirname, "..", "lib", "check", "__fixtures__", "a project with six handlers");

async function deadline(args: string[], cwd = PROJECT, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Six handlers in two languages on three platforms, every limit read from the deploy configs:
// serverless.yml (Python and JS on Lambda), vercel.json and a route's maxDuration, wrangler.toml.
describe("deadline check on a project with six handlers", () => {
  test("the table, the failures explained, the exit code; JUnit and GitHub annotations in the same run", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "deadline-check-"));
    const junit = path.join(work, "deadline.xml");
    const { code, stdout, stderr } = await deadline(["check", "--reporter", "human", "--reporter", `junit=${junit}`, "--reporter", `github=${path.join(work, "annotations.txt")}`], PROJECT, { GITHUB_WORKSPACE: PROJECT });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const rows = stdout.split("\n").slice(1, 8).map((line) => line.trim().split(/\s{2,}/));
    expect(rows.map(([mark, handler, event, verdict]) => [mark, handler, event, verdict])).toEqual([
      ["✓", "resize", "small", "ok"],
      ["!", "resize", "large", "over share"],
      ["✗", "report", "default", "timed out"],
      ["✓", "orders", "default", "ok"],
      ["✓", "chat", "default", "ok"],
      ["✗", "slow", "default", "timed out"],
      ["✗", "edge", "get", "failed"],
    ]);
    // limit and line exactly; the margin is the virtual time over the limit, and the JS engine's
    // clock includes the real CPU it spends, so a loaded machine may add a point or two
    expect(rows.map((r) => [r[1], r[5], r[7]])).toEqual([
      ["resize", "10.0 s", "api/resize.py:6"],
      ["resize", "10.0 s", "api/resize.py:6"],
      ["report", "6.0 s", "api/report.py:7"],
      ["orders", "5.0 s", "src/orders.mjs:2"],
      ["chat", "10.0 s", "app/api/chat/route.ts:4"],
      ["slow", "15.0 s", "api/slow.ts:3"],
      ["edge", "50 ms CPU", "worker/index.js:3"],
    ]);
    const margins = rows.map((r) => Number(/^(\d+) %$/.exec(r[6]!)?.[1]));
    [10, 90, 100, 20, 40, 100].forEach((expected, i) => expect(Math.abs(margins[i]! - expected), `${rows[i]![1]} ${rows[i]![6]}`).toBeLessThanOrEqual(3));
    expect(stdout).toContain("limit: serverless.yml sets no timeout for report: the Serverless Framework deploys 6 s; aws-lambda, plan standard");
    expect(stdout).toContain('limit: vercel.json functions["api/*.ts"].maxDuration; vercel, plan hobby');
    expect(stdout).toContain("Error: the DB binding is not configured\n    limit: worker/wrangler.toml limits.cpu_ms = 50 (Workers Paid); cloudflare-workers, plan paid");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("3 passed, 4 failed (2 timed out, 1 failed, 1 over their share of the limit)");

    const annotations = (await readFile(path.join(work, "annotations.txt"), "utf8")).split("\n").filter((l) => l.startsWith("::"));
    expect(annotations.map((l) => l.slice(0, l.indexOf("::", 2)))).toEqual([
      "::warning file=api/resize.py,line=6,title=deadline check%3A resize × large",
      "::error file=api/report.py,line=7,title=deadline check%3A report × default",
      "::error file=api/slow.ts,line=3,title=deadline check%3A slow × default",
      "::error file=worker/index.js,line=3,title=deadline check%3A edge × get",
    ]);
    const xml = await readFile(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toMatch(/<testsuites name="deadline check" tests="7" failures="4" errors="0"/);
    await rm(work, { recursive: true, force: true });
  });

  test("--max-share moves the line: at 95 % the large resize passes", async () => {
    const { stdout } = await deadline(["check", "--json", "--max-share", "95%"]);
    const report = JSON.parse(stdout) as { counts: { passed: number; overShare: number }; runs: { handler: string; event: string; status: string; share: number }[] };
    const large = report.runs.find((r) => r.event === "large")!;
    expect(large.status).toBe("pass");
    expect(large.share).toBeCloseTo(0.9, 2);
    expect(report.counts).toMatchObject({ passed: 4, overShare: 0 });
  });

  test("a config error names the file, the key and the reason, and exits 64 before running anything", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "deadline-check-bad-"));
    await cp(PROJECT, work, { recursive: true });
    const config = JSON.parse(await readFile(path.join(work, "deadline.config.json"), "utf8")) as { handlers: Record<string, unknown>[] };
    config.handlers[1]!.timeout = 2000;
    await import("node:fs/promises").then((fs) => fs.writeFile(path.join(work, "deadline.config.json"), JSON.stringify(config)));
    const { code, stdout, stderr } = await deadline(["check"], work);
    expect(code).toBe(64);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^deadline: deadline\.config\.json: handlers\[1\]\.timeout: AWS Lambda, .*accepts timeouts from 1 to 900 s, got 2000/);
    await rm(work, { recursive: true, force: true });
  });

  test("--init finds the six handlers from the deploy configs and the folders, and the config it writes runs", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "deadline-init-"));
    await cp(PROJECT, work, { recursive: true });
    await rm(path.join(work, "deadline.config.json"));
    const init = await deadline(["check", "--init"], work);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^wrote deadline\.config\.json with 6 handlers:/);
    const written = JSON.parse(await readFile(path.join(work, "deadline.config.json"), "utf8")) as { handlers: { file: string; platform: string; handler?: string; timeout?: unknown }[] };
    expect(written.handlers.map((h) => [h.file, h.platform, h.handler ?? null, h.timeout])).toEqual([
      ["api/report.py", "aws-lambda", "handler", "deploy-config"],
      ["api/resize.py", "aws-lambda", "handler", "deploy-config"],
      ["api/slow.ts", "vercel", null, "deploy-config"],
      ["app/api/chat/route.ts", "vercel", null, "deploy-config"],
      ["src/orders.mjs", "aws-lambda", "create", "deploy-config"],
      ["worker/index.js", "cloudflare-workers", null, "deploy-config"],
    ]);
    const again = await deadline(["check", "--init"], work);
    expect(again).toMatchObject({ code: 64, stderr: expect.stringMatching(/deadline\.config\.json: exists already/) });
    const { code, stdout } = await deadline(["check", "--json"], work);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { counts: { runs: number } }).counts.runs).toBe(6);
    await rm(work, { recursive: true, force: true });
  });
});
