import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { judge, loadCase, loadCorpus, requestFor } from "./corpus";

// Validates the corpus itself (files, schema, rules, expectations). Running the cases through the
// simulator is scripts/corpus-report.ts.
const corpus = loadCorpus();

describe("the real-handler corpus", () => {
  test("holds at least 36 cases from at least 30 distinct sources", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(36);
    expect(new Set(corpus.map((c) => `${c.source.repo}/${c.source.path}`)).size).toBeGreaterThanOrEqual(30);
  });

  test("covers every kind of platform the issue names", () => {
    const platforms = new Set(corpus.map((c) => c.platform));
    for (const p of ["runpod", "aws-lambda", "vercel", "netlify", "cloudflare-workers", "supabase-edge", "azure-functions", "gcp-functions", "modal", "celery", "gunicorn"]) {
      expect(platforms, p).toContain(p);
    }
    expect(corpus.filter((c) => c.platform === "runpod").length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((c) => c.platform === "aws-lambda").length).toBeGreaterThanOrEqual(8);
  });

  test("mixes outcomes: a good share of cases time out or fail", () => {
    const failing = corpus.filter((c) => c.expect.verdict !== "ok").length;
    expect(failing / corpus.length).toBeGreaterThan(0.35);
  });

  test.each(corpus.map((c) => [c.id, c] as const))("%s builds a request the simulator accepts in shape", (_id, c) => {
    const request = requestFor(c);
    expect(request.code.length).toBeGreaterThan(0);
    expect(request.project?.root).toBe(c.root);
    expect(request.filename).toBe(c.file);
  });
});

describe("case validation", () => {
  const write = (caseJson: unknown, files: Record<string, string> = { "handler.py": "def handler(event, context):\n    return 1\n" }) => {
    const root = join(mkdtempSync(join(tmpdir(), "corpus-")), "some-case");
    mkdirSync(root);
    writeFileSync(join(root, "case.json"), JSON.stringify(caseJson));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    return root;
  };
  const base = {
    source: { repo: "o/r", path: "h.py", commit: "a".repeat(40), url: `https://github.com/o/r/blob/${"a".repeat(40)}/h.py` },
    kind: "lambda-python",
    file: "handler.py",
    platform: "aws-lambda",
    plan: null,
    timeout: 3,
    handler: null,
    event: {},
    rules: {},
    expect: { verdict: "timeout", line: 2, elapsed: [2.9, 3.1], errorType: null },
    why: "Returns at once; this fixture only exercises the loader's checks.",
  };

  test("a well-formed case loads", () => {
    expect(loadCase(write(base)).language).toBe("python");
  });
  test("a missing file, a bad rule, a line past the end or on a comment, an unknown plan are refused with the reason", () => {
    expect(() => loadCase(write({ ...base, file: "nope.py" }))).toThrow(/nope\.py.*not in the case folder/);
    expect(() => loadCase(write({ ...base, rules: { responses: [{ match: "FETCH a.test", status: 200 }] } }))).toThrow(/responses\.0\.match/);
    expect(() => loadCase(write({ ...base, expect: { ...base.expect, line: 9 } }))).toThrow(/has 3 lines/);
    expect(() => loadCase(write(base, { "handler.py": "def handler(event, context):\n    # waits\n" }))).toThrow(/blank or a comment/);
    expect(() => loadCase(write({ ...base, plan: "premium" }))).toThrow(/not a plan of aws-lambda/);
    expect(() => loadCase(write({ ...base, expect: { ...base.expect, verdict: "ok" } }))).toThrow(/line null/);
    expect(() => loadCase(write({ ...base, source: { ...base.source, url: "https://github.com/o/r" } }))).toThrow(/url must be/);
  });
  test("a RunPod event must be the job shape", () => {
    expect(() => loadCase(write({ ...base, platform: "runpod", timeout: 60, event: { prompt: "hi" } }))).toThrow(/"input"/);
  });
  test("judge compares verdict, line, elapsed range and error type", () => {
    const c = loadCase(write(base));
    expect(judge(c, { verdict: "timeout", line: 2, elapsedSeconds: 3, error: null }).pass).toBe(true);
    expect(judge(c, { verdict: "timeout", line: 1, elapsedSeconds: 5, error: null }).mismatches).toEqual(["line 1, expected 2", "elapsed 5.00 s, expected 2.9–3.1 s"]);
  });
});
