import { NO_PLATFORM_TEXT, plainSeconds } from "./format";
import { definePreset } from "./plans";
import type { PlatformPreset } from "./types";

export const modal: PlatformPreset = definePreset({
  id: "modal",
  name: "Modal Functions",
  defaultPlan: "function",
  plans: [
    {
      id: "function",
      name: "Function execution timeout (`timeout=` on @app.function / @app.cls)",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 86_400,
      minTimeout: 1,
      note: "Default 300 s, from 1 s to 24 h, per execution attempt (each modal.Retries attempt gets a fresh timeout); scheduling and container startup are not included.",
    },
    {
      id: "web-endpoint",
      aliases: ["web"],
      name: "Web endpoints (fastapi_endpoint, asgi_app, wsgi_app, web_server)",
      clock: "wall",
      defaultTimeout: 150,
      maxTimeout: 150,
      minTimeout: 150,
      note: "After 150 s the HTTP caller gets a 303 redirect to a result URL while the Function keeps running under its own timeout; browsers follow up to 20 redirects (about 50 minutes).",
      caveat: "On a web endpoint 150 s is when the caller is redirected to the result URL, not when the Function stops: the simulator ends the run there.",
    },
  ],
  languages: ["python"],
  entry: "`@app.function(timeout=600)` on a Python function (or `@app.cls` with `@modal.method()`), called with `.remote()`.",
  countsInit: false,
  initTimeout: 300,
  initNote:
    "Container startup (imports, @modal.enter hooks) has its own budget: startup_timeout since client 1.1.4, which falls back to `timeout` (300 s by default) when unset; the execution timeout does not include scheduling or startup.",
  // The decorator's timeout= is what Modal enforces: the run's timeout only stands in for the
  // 300 s default of functions that set none (lib/runner/python/shims/stubs/modal/app.py).
  limitInCode: "`timeout=` (and `startup_timeout=`) on `@app.function` / `@app.cls`",
  message: (ctx) => {
    if (ctx.kind !== "timeout") return NO_PLATFORM_TEXT;
    if (ctx.limit === "startup") return `Runner failed with exception: Runner has been initializing for too long: ${plainSeconds(ctx.timeout)} seconds.`;
    const reason = `Task's current input ${ctx.requestId} hit its timeout of ${plainSeconds(ctx.timeout)}s`;
    return `Task's current input(s) ["${ctx.requestId}"] cancelled because: ${reason}\nmodal.exception.FunctionTimeoutError: ${reason}`;
  },
  messageConfidence: "documented-paraphrase",
  messageNote:
    "modal.exception.FunctionTimeoutError (a TimeoutError subclass) is in the client source and docs. The wording 'Task's current input <id> hit its timeout of <N>s' comes from Modal's servers and is quoted in users' logs; no Modal page read this session shows it. Real input ids look like 'in-01KP...:1776576439351-0'. A container past its startup_timeout: 'Runner failed with exception: Runner has been initializing for too long: <N> seconds.', from Modal's backend as users report it (modal-startup-timeout article), not in the client source.",
  sources: [
    {
      url: "https://modal.com/docs/guide/timeouts",
      title: "Modal Timeouts: default 300 s, 1 s to 24 h, per attempt; startup_timeout",
      checked: "2026-11",
    },
    {
      url: "https://modal.com/docs/guide/webhook-timeouts",
      title: "Modal request timeouts: web endpoints 150 s, then a 303 redirect to the result URL",
      checked: "2026-11",
    },
    {
      url: "https://github.com/modal-labs/modal-client/blob/69519aef4cf6a3378314e3e7b91e87429490ed2a/py/modal/app.py",
      title: "modal-client app.py: timeout: int = 300, startup_timeout falls back to timeout",
      checked: "2026-11",
    },
    {
      url: "https://github.com/modal-labs/modal-client/blob/69519aef4cf6a3378314e3e7b91e87429490ed2a/py/modal/exception.py",
      title: "modal-client exception.py: class FunctionTimeoutError(TimeoutError)",
      checked: "2026-11",
    },
  ],
  notes:
    "The input is cancelled at the deadline (the container gets a cancellation signal) and the caller's .remote() raises FunctionTimeoutError; with modal.Retries each retry gets a fresh timeout.",
  unconfirmed: [],
});
