// --reporter junit: JUnit XML, as CI test tabs read it (GitLab's artifacts:reports:junit, the
// GitHub actions that publish test results, Jenkins). The shape follows the JUnit schema those
// tools accept (Jenkins' junit-10.xsd, which pytest tests its own output against:
// pytest-dev/pytest testing/example_scripts/junit-10.xsd): <testsuites> of <testsuite name tests
// failures errors time> of <testcase name classname time>, a failed case holding <failure
// message type>. One suite per handler, one case per event. Times are the simulated seconds the
// run used, the figure the check is about; the suite's `file` names the handler's file (the
// schema allows no file or line on a testcase, so the line is in the failure's message).
import type { Report, Row } from "../report";

const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(XML_ILLEGAL, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The schema's time: digits and at most three decimals. */
const time = (seconds: number) => (Number.isFinite(seconds) ? Math.max(0, seconds) : 0).toFixed(3);

/** Most of a stdout a test tab can show; the rest is cut, saying so. */
const STDOUT_CHARS = 8192;

function testcase(row: Row): string {
  const open = `    <testcase name="${escapeXml(row.event)}" classname="${escapeXml(row.handler)}" time="${time(row.elapsedSeconds)}"`;
  const body: string[] = [];
  if (row.status !== "pass") {
    const details = [row.detail, `limit: ${row.timeoutSource}; ${row.platform}, plan ${row.plan}`, ...row.notes.map((n) => `note: ${n.text}`)].filter(Boolean).join("\n");
    body.push(`      <failure message="${escapeXml(row.summary)}" type="${row.status}">${escapeXml(details)}</failure>`);
  }
  if (row.stdout) {
    const cut = row.stdout.length > STDOUT_CHARS ? `${row.stdout.slice(0, STDOUT_CHARS)}\n[cut at ${STDOUT_CHARS} characters]` : row.stdout;
    body.push(`      <system-out>${escapeXml(cut)}</system-out>`);
  }
  return body.length ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`;
}

export function formatJunit(report: Report, timestamp = new Date()): string {
  const suites = new Map<string, Row[]>();
  for (const row of report.rows) suites.set(row.handler, [...(suites.get(row.handler) ?? []), row]);
  const failures = report.rows.filter((r) => r.status !== "pass").length;
  const total = report.rows.reduce((sum, r) => sum + (Number.isFinite(r.elapsedSeconds) ? r.elapsedSeconds : 0), 0);
  const stamp = timestamp.toISOString().slice(0, 19);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="deadline check" tests="${report.rows.length}" failures="${failures}" errors="0" time="${time(total)}">`];
  for (const [handler, rows] of suites) {
    const first = rows[0]!;
    const suiteFailures = rows.filter((r) => r.status !== "pass").length;
    out.push(
      `  <testsuite name="${escapeXml(handler)}" tests="${rows.length}" failures="${suiteFailures}" errors="0" skipped="0" time="${time(rows.reduce((s, r) => s + r.elapsedSeconds, 0))}" timestamp="${stamp}" file="${escapeXml(first.file)}">`,
      `    <properties>`,
      `      <property name="platform" value="${escapeXml(first.platform)}"/>`,
      `      <property name="plan" value="${escapeXml(first.plan)}"/>`,
      `      <property name="limit" value="${escapeXml(first.timeoutSource)}"/>`,
      `      <property name="max-share" value="${first.maxShare}"/>`,
      `    </properties>`,
      ...rows.map(testcase),
      `  </testsuite>`,
    );
  }
  out.push(`</testsuites>`);
  return `${out.join("\n")}\n`;
}
