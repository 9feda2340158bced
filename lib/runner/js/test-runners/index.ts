// A test file run the way its runner runs it: the module body collects the suites (init), then
// every test and hook runs on the virtual loop against its own timeout, and the result reads like
// the runner's report. The verdict is the file's: "timeout" when a test or hook ran out of time,
// "error" when one failed otherwise, "ok" when all passed. The limit a timeout names is that
// runnable's own (its argument, this.timeout(), test.setTimeout(), or the preset's default).

import type { Note, SimulationResult } from "../../types";
import { operationLine } from "../call-site";
import type { RunResults, RunState } from "../results";
import { round } from "../results";
import type { RunContext } from "../run-context";
import type { LoopExit } from "../virtual-loop";
import { TreeRunner, type Outcome, type Suite } from "./core";
import { createJest } from "./jest";
import { createMocha } from "./mocha";
import { createPlaywrightTest } from "./playwright";
import type { TestRunnerKind, TestRunnerSetup } from "./shared";

export type { TestRunnerKind } from "./shared";

/** Which runner a platform preset is, if it is one. */
export function testRunnerOf(platformId: string): TestRunnerKind | null {
  return platformId === "jest" || platformId === "mocha" || platformId === "playwright-test" ? platformId : null;
}

export class TestSession {
  readonly setup: TestRunnerSetup;
  private tree: TreeRunner | null = null;

  constructor(
    readonly kind: TestRunnerKind,
    private readonly ctx: RunContext,
    private readonly defaultTimeoutMs: number,
    private readonly filename: string,
  ) {
    const tree = () => this.tree;
    this.setup =
      kind === "jest" ? createJest(ctx, defaultTimeoutMs) : kind === "mocha" ? createMocha(defaultTimeoutMs, filename, tree) : createPlaywrightTest(ctx, defaultTimeoutMs, tree);
  }

  /** What injected.ts gives the file: the runner's globals, packages and timer switch. */
  get scope() {
    return { globals: this.setup.globals, modules: this.setup.modules, timers: this.setup.timers };
  }

  /** An error nothing caught while a test ran: the runners fail that test with it (false: none running, so it ends the run). */
  uncaught(error: unknown): boolean {
    return this.tree?.failCurrent(error) ?? false;
  }

  /** Runs the collected tests; the run's loop must be driven until `finished()`. */
  async run(run: RunState, results: RunResults): Promise<SimulationResult> {
    const { loop } = run;
    const tree = new TreeRunner(this.ctx, this.setup.rules);
    this.tree = tree;
    // every runnable carries its own timer: no deadline over the whole file
    loop.limits = { wall: null, cpu: null };
    let finished = false;
    let crash: unknown = null;
    loop.enter();
    tree.run(this.setup.collector.root).then(
      () => (finished = true),
      (error: unknown) => {
        crash = error;
        finished = true;
      },
    );
    const exit: LoopExit = await loop.runUntil(() => finished, "any");
    if (crash !== null) throw crash;
    if (exit === "idle") {
      const stuck = tree.current;
      const line = stuck ? operationLine(stuck.site.stack, run.map) : null;
      return results.errorResult({ type: "Error", message: `${stuck ? `"${stuck.title}"` : "a test"} never finishes: its timeout is turned off (0) and nothing it waits for is pending, so the runner would wait forever`, line }, true);
    }
    if (exit !== "done") return results.finishUnsettled(exit);
    return this.shape(run, results, tree.outcomes);
  }

  private shape(run: RunState, results: RunResults, outcomes: Outcome[]): SimulationResult {
    const { loop, map } = run;
    const total = outcomes.filter((o) => o.runnable.kind === "test");
    const timedOut = outcomes.find((o) => o.status === "timedout");
    const failed = outcomes.find((o) => o.status === "failed");
    const report = this.report(outcomes);
    for (const line of report.summary) this.ctx.stdout.push(line);
    const notes: Note[] = [...run.notes, ...(this.setup.notes?.() ?? []).map((text) => ({ kind: "modelled" as const, text }))];
    const base = {
      platform: run.preset.id,
      stdout: results.stdout(),
      timeline: results.timeline(loop.now()),
      ...(notes.length > 0 ? { notes } : {}),
    };
    const lineOf = (outcome: Outcome) => {
      const pending = this.setup.pendingAt?.(outcome.runnable);
      return operationLine((pending?.site ?? outcome.runnable.site).stack, map);
    };
    if (timedOut) {
      const seconds = (timedOut.timeoutMs ?? 0) / 1000;
      return {
        ...base,
        verdict: "timeout",
        deadlineSeconds: seconds,
        elapsedSeconds: seconds,
        line: lineOf(timedOut),
        error: null,
        platformMessage: report.failures,
        limit: { kind: "deadline", clock: "wall", seconds },
      };
    }
    if (failed) {
      const error = results.describeError(failed.error);
      return {
        ...base,
        verdict: "error",
        deadlineSeconds: this.defaultTimeoutMs / 1000,
        elapsedSeconds: round(loop.now() / 1000),
        line: error.line ?? lineOf(failed),
        error,
        platformMessage: report.failures,
      };
    }
    const passed = total.filter((o) => o.status === "passed").map((o) => o.title);
    const skipped = total.filter((o) => o.status === "skipped").map((o) => o.title);
    return {
      ...base,
      verdict: "ok",
      deadlineSeconds: this.defaultTimeoutMs / 1000,
      elapsedSeconds: round(loop.now() / 1000),
      line: null,
      result: { passed, skipped },
      error: null,
      platformMessage: null,
    };
  }

  /** The runner's report: a line per test (stdout) and the failures as the runner prints them. */
  private report(outcomes: Outcome[]): { summary: string[]; failures: string } {
    const path = (suite: Suite): string[] => (suite.parent ? [...path(suite.parent), suite.title] : []);
    const full = (o: Outcome) => [...path(o.runnable.suite), o.title].filter(Boolean);
    const bad = outcomes.filter((o) => o.status === "timedout" || o.status === "failed");
    // a test failed by its suite's before-all hook repeats the hook's error: show the hook once
    const shown = bad.filter((o, i) => !bad.slice(0, i).some((p) => p.error === o.error));
    const message = (o: Outcome) => {
      const error = o.error;
      const text = error instanceof Error ? (error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : this.kind === "mocha" ? `Error: ${error.message}` : error.message) : String(error);
      const pending = this.setup.pendingAt?.(o.runnable);
      return pending ? `${text}\n\n${pending.detail}` : text;
    };
    const tests = outcomes.filter((o) => o.runnable.kind === "test");
    const count = (status: Outcome["status"]) => tests.filter((o) => o.status === status).length;
    const failedTests = tests.filter((o) => o.status === "failed" || o.status === "timedout").length;
    const mark = (o: Outcome) => (o.status === "passed" ? "✓" : o.status === "skipped" ? "-" : "✕");
    const ms = (o: Outcome) => `${Math.round(o.durationMs)} ms`;
    if (this.kind === "jest") {
      return {
        summary: [...tests.map((o) => `  ${mark(o)} ${full(o).join(" › ")}${o.status === "skipped" ? " (skipped)" : ` (${ms(o)})`}`), `Tests: ${[failedTests ? `${failedTests} failed` : "", count("skipped") ? `${count("skipped")} skipped` : "", count("passed") ? `${count("passed")} passed` : ""].filter(Boolean).join(", ")}, ${tests.length} total`],
        failures: shown.map((o) => `● ${full(o).join(" › ")}\n\n${indent(message(o), "  ")}`).join("\n\n"),
      };
    }
    if (this.kind === "mocha") {
      return {
        summary: [...tests.map((o) => `  ${o.status === "passed" ? "✔" : o.status === "skipped" ? "-" : "✗"} ${full(o).join(" ")}`), `  ${count("passed")} passing`, ...(shown.length ? [`  ${shown.length} failing`] : [])],
        failures: shown.map((o, i) => `  ${i + 1}) ${[...path(o.runnable.suite)].filter(Boolean).join("\n       ")}\n       ${o.title}:\n     ${message(o).split("\n").join("\n     ")}`).join("\n\n"),
      };
    }
    return {
      summary: [...tests.map((o) => `  ${mark(o)} ${this.filename} › ${full(o).join(" › ")} (${ms(o)})`), `  ${failedTests ? `${failedTests} failed` : ""}${failedTests && count("passed") ? "\n  " : ""}${count("passed") ? `${count("passed")} passed` : ""}`],
      failures: shown.map((o, i) => `  ${i + 1}) ${this.filename} › ${full(o).join(" › ")}\n\n${indent(message(o), "    ")}`).join("\n\n"),
    };
  }
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `${by}${line}` : line))
    .join("\n");
}
