import { describe, expect, test } from "vitest";
import type { SimulationResult } from "../../runner/types";
import type { Job } from "../jobs";
import { buildReport } from "../report";
import { escapeData, escapeProperty, formatGithubAnnotations } from "./github";
import { coloursFor, formatHuman } from "./human";
import { formatJson } from "./json";
import { formatJunit } from "./junit";

function job(index: number, handler: string, event: string, file: string, timeout: number): Job {
  return { index, handler, event, file, path: `/p/${file}`, maxShare: 0.8, timeoutSource: `serverless.yml functions.${handler}.timeout`, request: { language: "python", code: "", platform: "aws-lambda", timeout } };
}
const result = (over: Partial<SimulationResult>): SimulationResult => ({ verdict: "ok", platform: "aws-lambda", deadlineSeconds: 10, elapsedSeconds: 1, line: null, error: null, platformMessage: null, stdout: "", timeline: [], ...over });

const report = buildReport(
  [
    { job: job(0, "resize", "small", "api/resize.py", 10), result: result({ elapsedSeconds: 1, stdout: "resized <1> & done\n" }), realMs: 5 },
    { job: job(1, "resize", "large", "api/resize.py", 10), result: result({ elapsedSeconds: 9, timeline: [{ kind: "sleep", start: 0, end: 9, line: 6 }] }), realMs: 5 },
    { job: job(2, "report", "default", "api/report.py", 6), result: result({ verdict: "timeout", deadlineSeconds: 6, elapsedSeconds: 6, line: 7, platformMessage: "Task timed out after 6.00 seconds" }), realMs: 5 },
    { job: job(3, "bad, name", "default", "api/x:y.py", 3), result: result({ verdict: "error", deadlineSeconds: 3, elapsedSeconds: 0.2, error: { type: "KeyError", message: "'id'\nsecond line 100%", line: 3 } }), realMs: 5 },
  ],
  2,
  1234,
);

describe("human", () => {
  test("the table has handler × event, verdict, time, limit, margin and line; failures explained below", () => {
    const text = formatHuman(report);
    const rows = text.split("\n");
    expect(rows[0]).toMatch(/^\s+handler\s+event\s+verdict\s+time\s+limit\s+margin\s+line$/);
    expect(rows[1]).toMatch(/^ {2}✓ {2}resize +small +ok +1\.0 s +10\.0 s +10 % +api\/resize\.py$/);
    expect(rows[2]).toMatch(/^ {2}! {2}resize +large +over share +9\.0 s +10\.0 s +90 % +api\/resize\.py:6$/);
    expect(rows[3]).toMatch(/^ {2}✗ {2}report +default +timed out +6\.0 s +6\.0 s +100 % +api\/report\.py:7$/);
    expect(text).toContain("✗ report × default: Timed out at 6.0 s of a 6.0 s limit at api/report.py:7\n    Task timed out after 6.00 seconds\n    limit: serverless.yml functions.report.timeout; aws-lambda, plan standard");
    expect(text.trimEnd().split("\n").at(-1)).toBe("1 passed, 3 failed (1 timed out, 1 failed, 1 over their share of the limit)");
  });

  test("colour only on a terminal, never with NO_COLOR, always with FORCE_COLOR", () => {
    expect(formatHuman(report, coloursFor({ isTTY: true }, {}))).toContain("\u001b[31m✗\u001b[39m");
    expect(formatHuman(report, coloursFor({ isTTY: true }, { NO_COLOR: "1" }))).not.toContain("\u001b[");
    expect(formatHuman(report, coloursFor({ isTTY: false }, {}))).not.toContain("\u001b[");
    expect(formatHuman(report, coloursFor({ isTTY: false }, { FORCE_COLOR: "1" }))).toContain("\u001b[");
  });
});

test("json: one line with the counts and every run", () => {
  const text = formatJson(report);
  expect(text.trim().split("\n")).toHaveLength(1);
  const data = JSON.parse(text) as { counts: unknown; runs: { handler: string; status: string; share: number; line: number | null }[] };
  expect(data.counts).toEqual({ runs: 4, passed: 1, failed: 3, timeout: 1, error: 1, overShare: 1 });
  expect(data.runs.map((r) => [r.handler, r.status, r.line])).toEqual([["resize", "pass", null], ["resize", "over-share", 6], ["report", "timeout", 7], ["bad, name", "error", 3]]);
});

// ---- JUnit: parsed and checked against the schema's shape ------------------------------------
type Element = { name: string; attrs: Record<string, string>; children: Element[]; text: string };

/** A strict little XML reader: well-formed or it throws (no DTDs or CDATA: the reporter writes none). */
function parseXml(xml: string): Element {
  let i = 0;
  const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e]!);
  const expectText = (t: string) => {
    if (!xml.startsWith(t, i)) throw new Error(`expected ${t} at ${i}: ${xml.slice(i, i + 30)}`);
    i += t.length;
  };
  const space = () => {
    while (/\s/.test(xml[i] ?? "")) i++;
  };
  const element = (): Element => {
    expectText("<");
    const name = /^[A-Za-z][\w.-]*/.exec(xml.slice(i))![0];
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      space();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return { name, attrs, children: [], text: "" };
      }
      if (xml[i] === ">") break;
      const m = /^([A-Za-z][\w.-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!m) throw new Error(`bad attribute at ${i}: ${xml.slice(i, i + 30)}`);
      if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]}`);
      attrs[m[1]!] = decode(m[2]!);
      i += m[0].length;
    }
    i++;
    const children: Element[] = [];
    let text = "";
    while (!xml.startsWith(`</`, i)) {
      if (xml[i] === "<") children.push(element());
      else {
        const end = xml.indexOf("<", i);
        const raw = xml.slice(i, end);
        if (/&(?!(lt|gt|amp|quot|apos);)/.test(raw)) throw new Error("unescaped &");
        text += decode(raw);
        i = end;
      }
    }
    expectText(`</${name}>`);
    return { name, attrs, children, text };
  };
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
  if (!decl) throw new Error("no XML declaration");
  i = decl[0].length;
  const root = element();
  space();
  if (i !== xml.length) throw new Error("content after the root element");
  return root;
}

// Jenkins' junit-10.xsd (as pytest vendors it: testing/example_scripts/junit-10.xsd): which
// children and attributes each element may have, which attributes are required, and the time type.
const SCHEMA: Record<string, { children: string[]; attrs: string[]; required: string[]; text?: boolean }> = {
  testsuites: { children: ["testsuite"], attrs: ["name", "time", "tests", "failures", "errors"], required: [] },
  testsuite: { children: ["testsuite", "properties", "testcase", "system-out", "system-err"], attrs: ["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url", "version"], required: ["name", "tests", "failures", "errors"] },
  properties: { children: ["property"], attrs: [], required: [] },
  property: { children: [], attrs: ["name", "value"], required: ["name", "value"] },
  testcase: { children: ["skipped", "error", "failure", "system-out", "system-err"], attrs: ["name", "time", "classname", "group"], required: ["name"] },
  failure: { children: [], attrs: ["type", "message"], required: [], text: true },
  "system-out": { children: [], attrs: [], required: [], text: true },
};
const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?$/;

function validate(el: Element, path = el.name): void {
  const rule = SCHEMA[el.name];
  if (!rule) throw new Error(`${path}: <${el.name}> is not in the schema`);
  for (const a of Object.keys(el.attrs)) if (!rule.attrs.includes(a)) throw new Error(`${path}: attribute ${a} not allowed`);
  for (const a of rule.required) if (!(a in el.attrs)) throw new Error(`${path}: attribute ${a} required`);
  if ("time" in el.attrs && !SUREFIRE_TIME.test(el.attrs.time!)) throw new Error(`${path}: time "${el.attrs.time}" is not a SUREFIRE_TIME`);
  if (!rule.text && el.text.trim()) throw new Error(`${path}: text not allowed`);
  for (const child of el.children) {
    if (!rule.children.includes(child.name)) throw new Error(`${path}: <${child.name}> not allowed here`);
    validate(child, `${path}/${child.name}`);
  }
}

describe("junit", () => {
  const xml = formatJunit(report, new Date("2026-12-01T10:00:00Z"));
  const root = parseXml(xml);

  test("is well-formed and has the JUnit schema's shape", () => {
    expect(root.name).toBe("testsuites");
    expect(() => validate(root)).not.toThrow();
  });

  test("one suite per handler, one case per event; failures carry the verdict, the platform's text and the limit's source", () => {
    expect(root.attrs).toMatchObject({ name: "deadline check", tests: "4", failures: "3", errors: "0" });
    expect(root.children.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.file])).toEqual([["resize", "2", "1", "api/resize.py"], ["report", "1", "1", "api/report.py"], ["bad, name", "1", "1", "api/x:y.py"]]);
    const [small, large] = root.children[0]!.children.filter((c) => c.name === "testcase");
    expect(small!.attrs).toEqual({ name: "small", classname: "resize", time: "1.000" });
    expect(small!.children[0]).toMatchObject({ name: "system-out", text: "resized <1> & done\n" });
    expect(large!.children[0]!.attrs).toEqual({ type: "over-share", message: "Used 90 % of its 10.0 s limit (9.0 s), over the 80 % allowed at api/resize.py:6" });
    const timeout = root.children[1]!.children.find((c) => c.name === "testcase")!.children[0]!;
    expect(timeout.attrs.type).toBe("timeout");
    expect(timeout.text).toBe("Task timed out after 6.00 seconds\nlimit: serverless.yml functions.report.timeout; aws-lambda, plan standard");
  });

  test("control characters a handler printed cannot break the document", () => {
    const odd = buildReport([{ job: job(0, "x", "e", "x.py", 10), result: result({ stdout: "bell \u0007 and \u001b[31mred\u001b[39m\n" }), realMs: 1 }], 1, 1);
    expect(() => validate(parseXml(formatJunit(odd)))).not.toThrow();
  });
});

describe("github", () => {
  test("one annotation per failed run, on the blocking line: error for timeouts and failures, warning over the share", () => {
    const lines = formatGithubAnnotations(report, { root: "/p", workspace: "/p" }).trimEnd().split("\n");
    expect(lines).toEqual([
      "::warning file=api/resize.py,line=6,title=deadline check%3A resize × large::Used 90 %25 of its 10.0 s limit (9.0 s), over the 80 %25 allowed at api/resize.py:6%0Alimit: serverless.yml functions.resize.timeout",
      "::error file=api/report.py,line=7,title=deadline check%3A report × default::Timed out at 6.0 s of a 6.0 s limit at api/report.py:7%0ATask timed out after 6.00 seconds%0Alimit: serverless.yml functions.report.timeout",
      "::error file=api/x%3Ay.py,line=3,title=deadline check%3A bad%2C name × default::Failed after 200 ms at api/x:y.py:3%0AKeyError: 'id'%0Asecond line 100%25%0Alimit: serverless.yml functions.bad, name.timeout",
    ]);
  });

  test("paths are relative to the workspace; escaping as the Actions toolkit does it", () => {
    expect(formatGithubAnnotations(report, { root: "/w/services/shop", workspace: "/w" })).toContain("file=services/shop/api/report.py,line=7");
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });
});

test("a handler with concurrency: the summary counts the requests that timed out, and --json has each request", () => {
  const request = (index: number, verdict: "ok" | "timeout", queuedSeconds: number) => ({ index, verdict, line: verdict === "timeout" ? 9 : null, elapsedSeconds: verdict === "timeout" ? 30 : 2, status: verdict === "timeout" ? 503 : 200, queuedSeconds, error: null, platformMessage: null });
  const served = buildReport(
    [{ job: { ...job(0, "reports", "default", "app.py", 30), request: { language: "python", code: "", platform: "heroku", concurrency: 3 } }, result: result({ verdict: "timeout", platform: "heroku", deadlineSeconds: 30, elapsedSeconds: 30, line: 9, requests: [request(1, "ok", 0), request(2, "timeout", 0), request(3, "timeout", 28)] }), realMs: 5 }],
    1,
    10,
  );
  expect(served.rows[0]!.summary).toBe("Timed out at 30.0 s of a 30.0 s limit at app.py:9 (3 simultaneous requests: 2 timed out)");
  const data = JSON.parse(formatJson(served)) as { runs: { requests: { index: number; verdict: string; queuedSeconds: number }[] }[] };
  expect(data.runs[0]!.requests.map((r) => [r.index, r.verdict, r.queuedSeconds])).toEqual([
    [1, "ok", 0],
    [2, "timeout", 0],
    [3, "timeout", 28],
  ]);
  expect(JSON.parse(formatJson(report)).runs[0]).not.toHaveProperty("requests");
});
