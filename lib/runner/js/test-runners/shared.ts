// What each runner module hands the session (index.ts), and the table form of test.each that
// Jest and Playwright share.

import type { Collector, Hook, RunnerRules, TestCase } from "./core";
import { show } from "./expect";
import type { TimerSwitch } from "./fake-timers";

export type TestRunnerKind = "jest" | "mocha" | "playwright-test";

export type TestRunnerSetup = {
  kind: TestRunnerKind;
  collector: Collector;
  rules: RunnerRules;
  timers: TimerSwitch;
  /** the free names a test file uses (describe, it, expect, jest) */
  globals: Record<string, unknown>;
  /** the runner's packages a file imports (@jest/globals, mocha, @playwright/test) */
  modules: Record<string, () => unknown>;
  /** the timeout a runnable runs under, once collection is over */
  timeoutOf(runnable: TestCase | Hook): number;
  /** called when a runnable times out: what it was waiting on, for the report and the line */
  pendingAt?(runnable: TestCase | Hook): { site: Error | null; detail: string } | null;
  /** a note about what the run rested on (Playwright's modelled page) */
  notes?(): string[];
};

type Row = { args: unknown[]; title: (template: string) => string };

/** test.each rows: an array of arrays or values, or a tagged template table (`a | b` then rows). */
export function eachRows(table: unknown, values: unknown[]): Row[] {
  if (Array.isArray(table) && Array.isArray((table as unknown as { raw?: unknown }).raw)) {
    const headings = String(table[0] ?? "")
      .split("|")
      .map((h) => h.trim())
      .filter(Boolean);
    const rows: Row[] = [];
    for (let i = 0; i + headings.length <= values.length; i += headings.length) {
      const row = Object.fromEntries(headings.map((h, j) => [h, values[i + j]]));
      rows.push({ args: [row], title: (t) => t.replace(/\$([\w.]+)/g, (_, key: string) => show(key.split(".").reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], row))) });
    }
    return rows;
  }
  if (!Array.isArray(table)) throw new Error(`\`.each\` must be called with an Array or Tagged Template Literal.\n\nInstead was called with: ${show(table)}`);
  return table.map((entry, index) => {
    const args = Array.isArray(entry) ? entry : [entry];
    return {
      args,
      title: (template: string) => {
        let i = 0;
        const text = template.replace(/%([sdifjop#%])/g, (match, flag: string) => {
          if (flag === "%") return "%";
          if (flag === "#") return String(index);
          const value = args[i++];
          if (flag === "d" || flag === "i") return String(Math.trunc(Number(value)));
          if (flag === "f") return String(Number(value));
          if (flag === "s") return typeof value === "string" ? value : show(value);
          return show(value);
        });
        // object rows name their fields with $key
        return !Array.isArray(entry) && typeof entry === "object" && entry !== null ? text.replace(/\$(\w+)/g, (_, key: string) => show((entry as Record<string, unknown>)[key])) : text;
      },
    };
  });
}
