// Every limit the notes room enforces, in one place, so the form, the API, the store and the
// README say the same thing. These are our own choices (no platform defines them); the README's
// "Community notes" section lists them.

/** Body length in characters after trimming. */
export const BODY_MIN = 20;
export const BODY_MAX = 4000;
export const NAME_MAX = 60;
/** Each of platform / runtime / library, e.g. "runpod-python 1.12.0". */
export const VERSION_MAX = 60;
/** A "worked for me" version, e.g. "Vercel Pro + Fluid". */
export const WORKED_VERSION_MAX = 60;
export const REPORT_DETAIL_MAX = 500;
/** Links allowed in a body; more is refused outright. */
export const MAX_LINKS = 2;
/** A form filled faster than this, counted from the page view, is a bot's. */
export const MIN_FILL_MS = 3_000;
/** How long the poster may edit or delete a note. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** Distinct readers' reports that hide a note until a moderator reviews it. */
export const REPORTS_TO_HIDE = 3;
/** Largest request body any notes endpoint reads (a 4000-character body is at most 16 KB of UTF-8). */
export const MAX_REQUEST_BYTES = 64 * 1024;

export const REPORT_REASONS = {
  spam: "Spam or advertising",
  wrong: "Wrong or outdated: the fix does not work",
  unsafe: "Unsafe advice or malicious code",
  abuse: "Abusive or off-topic",
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export type RateRule = { limit: number; windowMs: number };

/** Per client (the keyed hash of its address), counted in the database so they hold across instances. */
export const RATE_LIMITS = {
  note: { limit: 5, windowMs: 10 * 60_000 },
  edit: { limit: 20, windowMs: 10 * 60_000 },
  vote: { limit: 30, windowMs: 10 * 60_000 },
  worked: { limit: 20, windowMs: 10 * 60_000 },
  report: { limit: 10, windowMs: 60 * 60_000 },
  preview: { limit: 60, windowMs: 10 * 60_000 },
  admin: { limit: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateRule>;
export type RateAction = keyof typeof RATE_LIMITS;
