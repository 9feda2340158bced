import { NO_PLATFORM_TEXT, pythonAsctime, pythonFloat } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const SOURCE = "https://github.com/celery/celery/blob/5dc781f0bd5f36186bfcc74e0a4f9f654452c69b";

// The task's registered name when the run does not say (celery logs `name[id]`); the Python stub
// gives the real one (module.function, or the class's `name`) as ctx.entryName.
const TASK_NAME = "tasks.handler";

/** The limit as Request.on_timeout's `%s` prints it: an int stays `3`, a float is `3.0`. */
const limitText = (ctx: MessageContext) => ctx.limitText ?? pythonFloat(ctx.timeout);

/**
 * What a celery worker logs when a task passes its soft time limit: a warning in the main
 * process, and SoftTimeLimitExceeded raised inside the task (catchable, for cleanup). When the
 * task lets it propagate, the task fails with it (trace.py logs "Task %(name)s[%(id)s]
 * %(description)s: %(exc)s" with description "raised unexpected").
 */
export function celerySoftLimitMessage(ctx: MessageContext): string {
  const name = ctx.entryName ?? TASK_NAME;
  return (
    `[${pythonAsctime(ctx)}: WARNING/MainProcess] Soft time limit (${limitText(ctx)}s) exceeded for ${name}[${ctx.requestId}]\n` +
    `[${pythonAsctime(ctx)}: ERROR/ForkPoolWorker-1] Task ${name}[${ctx.requestId}] raised unexpected: SoftTimeLimitExceeded()\n` +
    "billiard.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()"
  );
}

// billiard/pool.py at bd2f803b (4.3.0rc1+): the line of `raise TimeLimitExceeded(job._timeout)` in
// Pool.on_hard_timeout, which the traceback of "Task handler raised error" points at.
const BILLIARD = "https://github.com/celery/billiard/blob/bd2f803b78f9f2a7fce62ed6d846333270f29e07";
const ON_HARD_TIMEOUT_LINE = 684;
// Virtual pid of the pool process that ran the task.
const POOL_PID = 8;

/**
 * What the main process logs when a task passes its hard limit, in the order a worker writes it:
 * Request.on_failure's "Task handler raised error: %r" with the traceback from
 * Pool.on_hard_timeout, Request.on_timeout's "Hard time limit (%ss) exceeded for %s[%s]", then
 * the supervisor's "Process %r pid:%r exited with %r" once the pool process is gone
 * (Pool._trywaitkill sends SIGTERM, then SIGKILL when it has not exited within 0.1 s;
 * common.human_status spells the signal).
 */
export function celeryHardLimitMessage(ctx: MessageContext): string {
  const at = `[${pythonAsctime(ctx)}: ERROR/MainProcess]`;
  const limit = limitText(ctx);
  return (
    `${at} Task handler raised error: TimeLimitExceeded(${limit})\n` +
    "Traceback (most recent call last):\n" +
    `  File "/usr/local/lib/python3.12/site-packages/billiard/pool.py", line ${ON_HARD_TIMEOUT_LINE}, in on_hard_timeout\n` +
    "    raise TimeLimitExceeded(job._timeout)\n" +
    `billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(${limit},)\n` +
    `${at} Hard time limit (${limit}s) exceeded for ${ctx.entryName ?? TASK_NAME}[${ctx.requestId}]\n` +
    `${at} Process 'ForkPoolWorker-1' pid:${POOL_PID} exited with 'signal 9 (SIGKILL)'`
  );
}

export const celery: PlatformPreset = definePreset({
  id: "celery",
  name: "Celery (task time limits)",
  defaultPlan: "hard",
  // Celery has no time limit unless one is configured: the run takes it from the task or the app's
  // config (limitInCode), or from the timeout it is given.
  plans: [
    {
      id: "hard",
      aliases: ["time-limit"],
      name: "Hard time limit (`task_time_limit` / `--time-limit` / `@app.task(time_limit=...)`), prefork pool",
      clock: "wall",
      defaultTimeout: Number.POSITIVE_INFINITY,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0,
      note: "No default: without a limit a task may run forever. The pool process running the task is terminated and replaced.",
    },
    {
      id: "soft",
      aliases: ["soft-time-limit"],
      name: "Soft time limit (`task_soft_time_limit` / `--soft-time-limit`)",
      clock: "wall",
      defaultTimeout: Number.POSITIVE_INFINITY,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0,
      note: "Raises SoftTimeLimitExceeded inside the task so it can clean up before the hard limit. The gevent pool has no soft limits.",
      caveat: "At the soft limit SoftTimeLimitExceeded is raised inside the task, on the line running; a task that catches it runs on (until its hard limit, if it has one), one that does not fails with it there.",
      // The run says which limit ended it (ctx.limit): a task's own hard limit may still come first.
      message: (ctx) => (ctx.kind !== "timeout" ? NO_PLATFORM_TEXT : ctx.limit === "hard" ? celeryHardLimitMessage(ctx) : celerySoftLimitMessage(ctx)),
    },
  ],
  languages: ["python"],
  entry: "`@app.task(time_limit=60, soft_time_limit=50)` on a function in the worker's tasks module; the worker is started with `celery -A proj worker`.",
  countsInit: false,
  initNote: "Time limits are armed per task when the pool starts it; module import happens when the worker boots.",
  limitInCode: "`soft_time_limit=` / `time_limit=` on the task, or `task_soft_time_limit` / `task_time_limit` in the app's config",
  message: (ctx) => (ctx.kind !== "timeout" ? NO_PLATFORM_TEXT : ctx.limit === "soft" ? celerySoftLimitMessage(ctx) : celeryHardLimitMessage(ctx)),
  messageConfidence: "verbatim",
  messageNote:
    "Request.on_timeout in celery/worker/request.py logs 'Hard time limit (%ss) exceeded for %s[%s]' (error) or 'Soft time limit (%ss) exceeded for %s[%s]' (warning) and stores TimeLimitExceeded(timeout) as the result; billiard's TimeLimitExceeded.__str__ renders 'TimeLimitExceeded%s' % (args,), hence '(30.0,)'. The prefix is celery's default worker log format. The limit prints as a float, as it does when set through settings or the CLI; an int given to @app.task prints without '.0'. Before those lines request.py's on_failure logs 'Task handler raised error: %r' with the traceback from billiard's on_hard_timeout (its path and the Python version in it are placeholders), and after them the pool's supervisor logs the process's exit: SIGKILL when the process had not died 0.1 s after SIGTERM, as worker logs posted since Celery 4 show (a process that dies of the SIGTERM reads 'signal 15 (SIGTERM)'); the pool process's pid is a placeholder.",
  sources: [
    {
      url: `${SOURCE}/docs/userguide/workers.rst`,
      title: "Celery workers guide, Time Limits: soft vs hard, process terminated and replaced; not on platforms without SIGUSR1",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/celery/worker/request.py`,
      title: "celery worker/request.py: Request.on_timeout log messages and TimeLimitExceeded(timeout)",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/celery/app/defaults.py`,
      title: "celery app/defaults.py: task_time_limit / task_soft_time_limit (no default), DEFAULT_PROCESS_LOG_FMT",
      checked: "2026-11",
    },
    {
      url: `${BILLIARD}/billiard/pool.py`,
      title: "billiard pool.py: on_hard_timeout raises TimeLimitExceeded (line 684), _trywaitkill sends SIGTERM then SIGKILL after 0.1 s, the supervisor logs 'Process %r pid:%r exited with %r'",
      checked: "2026-12",
    },
    {
      url: `${BILLIARD}/billiard/common.py`,
      title: "billiard common.py: human_status renders a signal exit as 'signal 9 (SIGKILL)'",
      checked: "2026-12",
    },
    {
      url: "https://github.com/unitedstates/BillMap/issues/574",
      title: "BillMap#574: a worker's log of a hard limit: 'Task handler raised error: TimeLimitExceeded(12000.0)', 'Hard time limit (12000.0s) exceeded', 'exited with 'signal 9 (SIGKILL)''",
      checked: "2026-12",
    },
    {
      url: "https://github.com/celery/billiard/blob/main/billiard/exceptions.py",
      title: "billiard exceptions.py: TimeLimitExceeded.__str__ returns 'TimeLimitExceeded%s' % (self.args,)",
      checked: "2026-11",
    },
  ],
  notes:
    "Hard limit: the pool process running the task is terminated and replaced by a new one, and the task is marked failed with TimeLimitExceeded. Soft limit: SoftTimeLimitExceeded is raised in the task, which may catch it.",
  unconfirmed: [],
});
