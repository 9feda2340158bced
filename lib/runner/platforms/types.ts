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
  | "cloudflare-workers"
  | "gcp-functions"
  | "cloud-run"
  | "azure-functions"
  | "supabase-edge"
  | "modal"
  | "heroku"
  | "gunicorn"
  | "celery";

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
  checked: "2026-11";
};

export type MessageContext = {
  /** the deadline in seconds of the preset's clock */
  timeout: number;
  /** seconds of the preset's clock spent when the run ended */
  elapsed: number;
  requestId: string;
  kind: "timeout" | "error";
  /** the platform's own name for the entry that ran (a Celery task's, an Azure function's), when known */
  entryName?: string;
  /** which of the entry's limits ended it, when it has several ("soft" or "hard" for Celery) */
  limit?: "soft" | "hard";
  /** the limit as the platform prints it (Celery prints an int limit as `3`, a float one as `3.0`) */
  limitText?: string;
  /**
   * Epoch milliseconds of the virtual start of the run, for platforms whose log line carries a
   * timestamp. Defaults to VIRTUAL_EPOCH_MS so that output is deterministic.
   */
  startedAt?: number;
};

/** Limits of one plan / generation / mode of a platform, in seconds of `clock`. */
export type PlanLimits = {
  id: string;
  name: string;
  clock: Clock;
  defaultTimeout: number;
  maxTimeout: number;
  minTimeout: number;
  note: string;
};

export type PlatformPreset = {
  id: PlatformId;
  name: string;
  clock: Clock;
  /**
   * Seconds of `clock`. `Number.POSITIVE_INFINITY` means "no limit unless you set one"
   * (celery) or "no maximum" (gunicorn, Azure Premium); use resolveTimeout() to get a
   * finite deadline.
   */
  defaultTimeout: number;
  maxTimeout: number;
  minTimeout: number;
  /** which plan / mode the three figures above describe */
  plan: string;
  /** the other plans / modes, for articles and for a future plan switch in the editor */
  plans: readonly PlanLimits[];
  languages: readonly Language[];
  /** how a handler is declared on this platform */
  entry: string;
  /**
   * Where the handler's own code sets the limit, for a platform with no limit unless one is
   * configured (Celery): without a timeout the run goes ahead and takes the limit from the code.
   */
  limitInCode?: string;
  /** whether module-level (import-time) work counts toward the handler's deadline */
  countsInit: boolean;
  /** seconds allowed for module-level work when the platform limits it separately */
  initTimeout?: number;
  /** why countsInit / initTimeout are what they are */
  initNote: string;
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
};
