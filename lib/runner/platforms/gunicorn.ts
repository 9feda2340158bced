import { NO_PLATFORM_TEXT, utcDateTime } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const SOURCE = "https://github.com/benoitc/gunicorn/blob/65ac1a3a4c0aa00960968c720d6e6bd2ac32f1b9";

// Virtual process ids: the arbiter, the worker that timed out, and its replacement.
const ARBITER_PID = 1;
const WORKER_PID = 7;
const NEW_WORKER_PID = 8;

/** The worker class's own log between the timeout and the replacement (see messageNote). */
function killed(ctx: MessageContext, at: (pid: number) => string): string {
  if (ctx.workerClass === "uvicorn") {
    // UvicornWorker.init_signals resets SIGABRT to SIG_DFL, so the worker dies of the signal and
    // the arbiter's reap_workers reports it (WARNING for signals other than SIGKILL / SIGTERM
    // since gunicorn 24.0.0).
    return `${at(ARBITER_PID)} [WARNING] Worker (pid:${WORKER_PID}) was sent SIGABRT!\n`;
  }
  return `${at(WORKER_PID)} [INFO] Worker exiting (pid: ${WORKER_PID})\n${at(ARBITER_PID)} [ERROR] Worker (pid:${WORKER_PID}) exited with code 1.\n`;
}

export const gunicorn: PlatformPreset = definePreset({
  id: "gunicorn",
  // The worker class is the plan's; the preset's name is said with every plan.
  name: "gunicorn",
  defaultPlan: "sync",
  plans: [
    {
      id: "sync",
      name: "`--timeout` with the default sync worker class (0 disables the timeout)",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: "-t / --timeout, default 30; a worker silent for longer is killed and restarted. 0 disables it, which the simulator cannot run: give a number of seconds.",
    },
    {
      id: "gthread",
      aliases: ["threads"],
      name: "`--worker-class gthread` (`--threads N`)",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: "The worker's main thread notifies the arbiter about once a second while --threads request threads work, so --timeout never ends a request on gthread; more simultaneous requests than threads wait for one.",
    },
    {
      id: "uvicorn",
      aliases: ["uvicorn-worker", "uvicorn.workers.uvicornworker", "asgi"],
      name: "`--worker-class uvicorn.workers.UvicornWorker` (ASGI apps)",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: "uvicorn's event loop notifies the arbiter every --timeout / 2 while it is free, so a request may run any length; only a loop blocked for --timeout (a blocking call in `async def`) gets the worker killed, with every request it was serving.",
    },
    {
      id: "async-workers",
      aliases: ["gevent", "eventlet"],
      name: "gevent / eventlet workers",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: "The timeout measures heartbeat silence, not request length: these workers keep notifying the arbiter while a request runs, so only a blocked event loop (or GIL-bound code) trips it.",
      caveat: "The simulator ends a WSGI request at the timeout as a sync worker would; with gevent or eventlet gunicorn only kills a worker whose event loop stays blocked that long.",
    },
  ],
  languages: ["python"],
  entry: "A WSGI callable `app(environ, start_response)` (Flask/Django `app`), started with `gunicorn module:app --timeout 30`.",
  countsInit: false,
  initNote:
    "Source reading of gunicorn 26.1, not a test: a worker's heartbeat file starts with a wall-clock mtime while the arbiter compares it with time.monotonic(), so a worker is not timed out before its first notify(), which comes after the app is imported (load_wsgi). With --preload the import happens in the arbiter. Older releases compared wall-clock times and could kill a slow-booting worker.",
  message: (ctx) => {
    if (ctx.kind !== "timeout") return NO_PLATFORM_TEXT;
    // Each line carries the pid of the process that logs it: arbiter, dying worker, new worker.
    const at = (pid: number) => `[${utcDateTime(ctx)} +0000] [${pid}]`;
    return (
      `${at(ARBITER_PID)} [CRITICAL] WORKER TIMEOUT (pid:${WORKER_PID})\n` +
      killed(ctx, at) +
      `${at(NEW_WORKER_PID)} [INFO] Booting worker with pid: ${NEW_WORKER_PID}`
    );
  },
  messageConfidence: "verbatim",
  messageNote:
    "From gunicorn's source: Arbiter.murder_workers logs 'WORKER TIMEOUT (pid:%s)' at CRITICAL and sends SIGABRT; the worker's abort handler calls sys.exit(1) (the worker logs 'Worker exiting (pid: %s)' on its way out), which reap_workers logs as 'Worker (pid:%s) exited with code %s.'. uvicorn's UvicornWorker (uvicorn 0.35.0 workers.py init_signals) resets SIGABRT to its default, so that worker dies of the signal and reap_workers logs 'Worker (pid:%s) was sent SIGABRT!' (WARNING since gunicorn 24.0.0; ERROR before); then a new worker is spawned and logs 'Booting worker with pid: %s' under its own pid. Timestamp and [pid] prefix follow the default error log format. A worker stuck in C code may instead die of the follow-up SIGKILL ('Worker (pid:N) was sent SIGKILL! Perhaps out of memory?').",
  sources: [
    {
      url: `${SOURCE}/gunicorn/config.py`,
      title: "gunicorn config.py: Timeout (-t/--timeout, default 30, 0 disables); workers (default WEB_CONCURRENCY or 1); threads (default 1; sync with threads > 1 runs gthread); GUNICORN_CMD_ARGS",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/gunicorn/arbiter.py`,
      title: "gunicorn arbiter.py: murder_workers ('WORKER TIMEOUT (pid:%s)'), reap_workers ('Worker (pid:%s) was sent %s!' at WARNING), spawn_worker",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/gunicorn/workers/gthread.py`,
      title: "gunicorn workers/gthread.py: run() calls notify() every loop turn (1 s poll) while request threads work",
      checked: "2026-11",
    },
    {
      url: "https://github.com/encode/uvicorn/blob/daecb45327702efe8f702f46fb0870c2d6357837/uvicorn/workers.py",
      title: "uvicorn 0.35.0 workers.py: UvicornWorker.init_signals resets SIGABRT to SIG_DFL; timeout_notify, callback_notify",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/gunicorn/workers/base.py`,
      title: "gunicorn workers/base.py: handle_abort exits with status 1; init_process loads the app before run()",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/gunicorn/workers/workertmp.py`,
      title: "gunicorn workers/workertmp.py: heartbeat via os.utime(time.monotonic())",
      checked: "2026-11",
    },
    {
      url: `${SOURCE}/gunicorn/glogging.py`,
      title: "gunicorn glogging.py: error log format '%(asctime)s [%(process)d] [%(levelname)s] %(message)s'",
      checked: "2026-11",
    },
  ],
  notes:
    "The arbiter kills the silent worker (SIGABRT, then SIGKILL) and boots a replacement; the in-flight request's connection is dropped (what a proxy in front then answers, often reported as 502, is not documented by gunicorn).",
  unconfirmed: ["countsInit"],
});
