// Types of the platform presets. Kept beside the presets (not in lib/runner/types.ts) because
// only the runner's deadline logic and the article pages read them.

import type { Clock, Language } from "../types";

export type PlatformId =
  | "runpod"
  | "aws-lambda"
  | "api-gateway"
  | "vercel"
  | "vercel-edge"
  | "netlify"
  | "netlify-dev"
  | "netlify-edge"
  | "cloudflare-workers"
  | "cloudflare-proxy"
  | "nginx"
  | "gcp-functions"
  | "cloud-run"
  | "azure-functions"
  | "supabase-edge"
  | "deno-deploy"
  | "slack-deno"
  | "modal"
  | "replicate"
  | "heroku"
  | "gunicorn"
  | "celery"
  | "jest"
  | "mocha"
  | "playwright-test";

/**
 * How far the text produced by `message()` can be trusted:
 * - `verbatim`: the exact wording appears in the platform's own docs or source code.
 * - `documented-paraphrase`: official docs document the outcome (status code, error code,
 *   exception class) but not this exact line; the line follows logs users have posted.
 * - `unconfirmed`: no official source shows the outcome's wording; treat as a best guess.
 */
export type MessageConfidence = "verbatim" | "documented-paraphrase" | "unconfirmed";

export type Source = {
  url: string;
  title: string;
  /** month the source was read for this preset */
  checked: "2026-11" | "2026-12";
};

export type MessageContext = {
  /** the deadline in seconds of the preset's clock */
  timeout: number;
  /** seconds of the preset's clock spent when the run ended */
  elapsed: number;
  requestId: string;
  kind: "timeout" | "error";
  /**
   * The platform's own name for the entry that ran (a Celery task's, an Azure function's registered
   * name, a Slack function's title), when the engine knows it; the text falls back to a generic one.
   */
  entryName?: string;
  /**
   * which of the entry's limits ended it, when it has several: "soft" or "hard" for Celery;
   * "startup" for a container that never finished starting (Modal's startup_timeout, Replicate's
   * boot and setup())
   */
  limit?: "soft" | "hard" | "startup";
  /** the limit as the platform prints it (Celery prints an int limit as `3`, a float one as `3.0`) */
  limitText?: string;
  /** the request the event describes, for texts that name it (wrangler tail's `GET <url>`, the 524 page's host, Heroku H12's method= and path=); `host`: the Host header when `url` is a path */
  request?: { method: string; url: string; host?: string };
  /** kind "error": the error the handler ended with, for texts that print it (wrangler tail's exception line) */
  error?: { type: string; message: string };
  /**
   * True when the deadline runs between reads and the app had already sent its status line and
   * headers (a proxy can no longer answer with its own error page: nginx logs "while reading
   * upstream" and the client gets a truncated body instead of a 504)
   */
  responseStarted?: boolean;
  /** the server's worker class when it changes the text (gunicorn's UvicornWorker dies of SIGABRT) */
  workerClass?: string;
  /**
   * Epoch milliseconds of the virtual start of the run, for platforms whose log line carries a
   * timestamp. Defaults to VIRTUAL_EPOCH_MS so that output is deterministic.
   */
  startedAt?: number;
};

/**
 * A limit a plan enforces besides its deadline, on the other clock: a wall-clock limit on starting
 * the response for a CPU-time plan (Netlify Edge: 40 s to the response headers), or a CPU limit
 * for a wall-clock plan (Supabase: 2 s of CPU per request).
 */
export type ExtraLimit = {
  seconds: number;
  /** the platform's text when this limit ends the run; absent when no checked source shows one */
  message?: (ctx: MessageContext) => string;
  /** what the limit is, in one sentence a person reads in a note */
  note: string;
  /**
   * "http": the limit holds only for HTTP-triggered entries (Azure's 230 s load balancer idle
   * timeout does not apply to a timer or queue trigger). Absent: every entry.
   */
  only?: "http";
};

/**
 * Limits of one plan / generation / mode of a platform, in seconds of `clock`. A preset lists its
 * plans cheapest first: when a requested timeout does not fit the default plan, the first plan in
 * the list that allows it (and is not `onlyWhenNamed`) is simulated (see resolvePlan in plans.ts).
 */
export type PlanLimits = {
  /** what a person types: `--plan pro-fluid`, the editor's plan picker */
  id: string;
  /** other ids that name this plan (older ids, shorter forms) */
  aliases?: readonly string[];
  name: string;
  clock: Clock;
  /** `Number.POSITIVE_INFINITY`: no limit unless one is configured */
  defaultTimeout: number;
  /** `Number.POSITIVE_INFINITY`: no maximum */
  maxTimeout: number;
  minTimeout: number;
  note: string;
  /**
   * True for plans simulated only when a request names them: limits that no longer exist
   * (historical defaults) or that hold for another kind of invocation than the one simulated. A
   * timeout that only such a plan allows is a usage error that points to it, not a silent switch.
   */
  onlyWhenNamed?: boolean;
  /** what the simulator does differently from the platform on this plan; said with every run on it */
  caveat?: string;
  /** wall-clock limit on starting the response, on top of the deadline */
  responseStart?: ExtraLimit;
  /** CPU limit per request, on top of a wall-clock deadline */
  cpuLimit?: ExtraLimit;
  /** the plan's own expiry text, when it is not the preset's */
  message?: (ctx: MessageContext) => string;
};

export type PlatformPreset = {
  id: PlatformId;
  name: string;
  /** the default plan's clock and limits, copied from `plans` by definePreset() */
  clock: Clock;
  /**
   * Seconds of `clock`. `Number.POSITIVE_INFINITY` means "no limit unless you set one"
   * (celery) or "no maximum" (gunicorn, Azure Premium); use resolvePlan() to get a
   * finite deadline.
   */
  defaultTimeout: number;
  maxTimeout: number;
  minTimeout: number;
  /** id of the plan / mode simulated when a request names none */
  defaultPlan: string;
  /** every plan / mode, the default among them, cheapest first */
  plans: readonly PlanLimits[];
  languages: readonly Language[];
  /** how a handler is declared on this platform */
  entry: string;
  /**
   * Where the handler's own code sets the limit. For a platform with no limit unless one is
   * configured (Celery), a run without a timeout goes ahead and takes the limit from the code; on
   * one whose deploy carries the limit (Modal's `timeout=`) the code's wins over the run's, which
   * only stands in for the default.
   */
  limitInCode?: string;
  /** whether module-level (import-time) work counts toward the handler's deadline */
  countsInit: boolean;
  /** seconds allowed for module-level work when the platform limits it separately */
  initTimeout?: number;
  /**
   * What passing `initTimeout` does when it is not Lambda's (the init runs again inside the invoke,
   * under the function's timeout): the platform refuses the code before any request runs
   * (Cloudflare rejects the upload), with this error and text.
   */
  initRejection?: InitRejection;
  /** why countsInit / initTimeout are what they are */
  initNote: string;
  /**
   * True when the deadline runs to the response's first byte and then between reads, restarting
   * with every chunk the handler sends (Cloudflare's Proxy Read Timeout), not over the whole run.
   */
  deadlineBetweenReads?: boolean;
  /** the platform's own text for the outcome, as it appears in logs or to the client */
  message: (ctx: MessageContext) => string;
  messageConfidence: MessageConfidence;
  /** where the message text comes from and what is not confirmed */
  messageNote: string;
  sources: readonly Source[];
  /** what happens on expiry */
  notes: string;
  /** names of fields above whose value no checked source confirms */
  unconfirmed: readonly string[];
  /**
   * Environment variables the platform sets for every function, with placeholder values where the
   * real ones are the account's (Supabase's project URL and keys): code that reads them runs.
   */
  env?: Readonly<Record<string, string>>;
};

export type InitRejection = {
  /** the error the run ends with, as the platform names it */
  type: string;
  message: string;
  /** the platform's text for it, as the person sees it (a deploy tool's output) */
  text: string;
};

/** What a preset file writes: the default plan's clock and limits are taken from `plans`. */
export type PresetSpec = Omit<PlatformPreset, "clock" | "defaultTimeout" | "maxTimeout" | "minTimeout">;
