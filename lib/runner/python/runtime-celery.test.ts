import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

/** Runs a task as the CLI would: the same request resolves the preset (with no timeout, the
 * limit comes from the code) and goes to the engine. */
function runTask(code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform: "celery", ...extra }).engine;
  return run(code, preset, extra);
}

const tasks = `
  import time
  from celery import Celery
  from celery.exceptions import SoftTimeLimitExceeded

  app = Celery("proj", broker="redis://localhost:6379/0")

  @app.task(soft_time_limit=3)
  def caught(seconds):
      try:
          time.sleep(seconds)
      except SoftTimeLimitExceeded:
          print("cleaning up")
      return "partial"

  @app.task(soft_time_limit=3)
  def uncaught(seconds):
      time.sleep(seconds)
      return "done"

  @app.task(bind=True, soft_time_limit=5, time_limit=8)
  def both(self, seconds):
      try:
          time.sleep(seconds)
      except SoftTimeLimitExceeded:
          time.sleep(10)
      return self.request.id

  @app.task(bind=True)
  def flaky(self):
      try:
          raise ConnectionError("broker down")
      except ConnectionError as exc:
          raise self.retry(exc=exc, countdown=60)

  @app.task
  def add(x, y):
      return x + y
`;

describe("Celery tasks and their time limits", () => {
  test("two tasks need --handler: the error lists both with their lines", async () => {
    const r = await runTask(
      `
      from celery import Celery
      app = Celery("proj")

      @app.task(time_limit=5)
      def one():
          return 1

      @app.task(time_limit=5)
      def two():
          return 2
      `,
    );
    expect(r.error).toMatchObject({
      type: "EntryPointError",
      candidates: [
        { name: "one", kind: "celery-task", line: 4 },
        { name: "two", kind: "celery-task", line: 8 },
      ],
    });
    const picked = await runTask(tasks, { timeout: 10, handler: "add", event: { args: [2, 3], kwargs: {} } });
    expect(picked).toMatchObject({ verdict: "ok", result: { status: "SUCCESS", result: 5 } });
  });

  test("the soft limit raises SoftTimeLimitExceeded inside the sleep; a task that catches it goes on and succeeds", async () => {
    const r = await runTask(tasks, { handler: "caught", event: { args: [10] } });
    expect(r).toMatchObject({ verdict: "ok", deadlineSeconds: 3, result: { status: "SUCCESS", result: "partial" } });
    expectSeconds(r.elapsedSeconds, 3);
    expect(r.stdout).toBe("cleaning up\n");
    expect(r.notes?.find((n) => /Soft time limit/.test(n.text))?.text).toMatch(/^Soft time limit \(3s\) exceeded for handler\.caught\[[^\]]+\]: SoftTimeLimitExceeded was raised at line 10 and the task caught it/);
    expect(r.notes?.some((n) => n.kind === "plan" && /soft 3s \(the task's soft_time_limit\)/.test(n.text))).toBe(true);
  });

  test("uncaught, the task fails at its soft limit on the line that was running, with Celery's soft-limit log", async () => {
    const r = await runTask(tasks, { handler: "uncaught", event: { args: [10] } });
    expect(r).toMatchObject({ verdict: "timeout", line: 17, deadlineSeconds: 3, elapsedSeconds: 3 });
    expect(r.platformMessage).toMatch(/WARNING\/MainProcess\] Soft time limit \(3s\) exceeded for handler\.uncaught\[/);
    expect(r.platformMessage).toMatch(/raised unexpected: SoftTimeLimitExceeded\(\)/);
  });

  test("past the soft limit the hard limit kills the task where it is, with Celery's hard-limit log", async () => {
    const r = await runTask(tasks, { handler: "both", event: { args: [30] } });
    expect(r).toMatchObject({ verdict: "timeout", line: 25, deadlineSeconds: 8, elapsedSeconds: 8 });
    expect(r.platformMessage).toMatch(/ERROR\/MainProcess\] Hard time limit \(8s\) exceeded for handler\.both\[[^\]]+\]\nbilliard\.exceptions\.TimeLimitExceeded: TimeLimitExceeded\(8,\)/);
    expect(r.timeline.some((s) => s.kind === "timer" && /soft time limit 5s/.test(s.label ?? ""))).toBe(true);
  });

  test("the app's task_time_limit applies to tasks without their own; the task's own beats the worker's --time-limit", async () => {
    const code = `
      import time
      from celery import Celery
      app = Celery("proj")
      app.conf.update(task_time_limit=20)

      @app.task
      def slow():
          time.sleep(60)

      @app.task(time_limit=5)
      def own():
          time.sleep(60)
    `;
    const fromConf = await runTask(code, { handler: "slow" });
    expect(fromConf).toMatchObject({ verdict: "timeout", deadlineSeconds: 20, line: 8 });
    expect(fromConf.notes?.some((n) => /hard 20s \(the app's task_time_limit\)/.test(n.text))).toBe(true);
    const own = await runTask(code, { timeout: 40, handler: "own" });
    expect(own).toMatchObject({ verdict: "timeout", deadlineSeconds: 5, line: 12 });
    expect(own.notes?.some((n) => /the run's timeout \(40 s\) is the worker's --time-limit, but the task's time_limit \(5 s\) takes precedence/.test(n.text))).toBe(true);
  });

  test("with no limit anywhere the run says where to set one; a timeout on the soft plan is the worker's --soft-time-limit", async () => {
    const none = await runTask(tasks, { handler: "add", event: { args: [1, 2] } });
    expect(none.verdict).toBe("error");
    expect(none.error?.type).toBe("NoTimeLimit");
    expect(none.error?.message).toMatch(/soft_time_limit=/);
    const soft = await runTask(
      `
      import time
      from celery import shared_task
      from celery.exceptions import SoftTimeLimitExceeded

      @shared_task
      def job():
          time.sleep(100)
      `,
      { timeout: 15, plan: "soft" },
    );
    expect(soft).toMatchObject({ verdict: "timeout", line: 7, deadlineSeconds: 15 });
    expect(soft.platformMessage).toMatch(/Soft time limit \(15s\) exceeded for handler\.job/);
  });

  test("class-based tasks, retry(), and delay() with no broker", async () => {
    const klass = await runTask(
      `
      import time
      from celery import Task

      class Resize(Task):
          name = "images.resize"
          time_limit = 2

          def run(self, size):
              time.sleep(size)
              return self.request.id
      `,
      { handler: "Resize", event: { args: [5] } },
    );
    expect(klass).toMatchObject({ verdict: "timeout", deadlineSeconds: 2, line: 9 });
    expect(klass.platformMessage).toMatch(/Hard time limit \(2s\) exceeded for images\.resize\[/);
    const retry = await runTask(tasks, { timeout: 30, handler: "flaky" });
    expect(retry).toMatchObject({ verdict: "ok", result: { status: "RETRY", result: "Retry in 60s: ConnectionError('broker down')" } });
    expect(retry.notes?.some((n) => /runs it in 60 s, with fresh time limits/.test(n.text))).toBe(true);
    const send = await runTask(
      `
      from celery import Celery
      app = Celery("proj")

      @app.task
      def child():
          return 1

      @app.task(time_limit=10)
      def parent():
          return child.delay().id is not None
      `,
      { handler: "parent" },
    );
    expect(send).toMatchObject({ verdict: "ok", result: { status: "SUCCESS", result: true } });
    expect(send.notes?.some((n) => /with no broker in the simulator it is not run/.test(n.text))).toBe(true);
  });
});
