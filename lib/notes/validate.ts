import { z } from "zod";
import { BODY_MAX, BODY_MIN, NAME_MAX, REPORT_DETAIL_MAX, REPORT_REASONS, VERSION_MAX, WORKED_VERSION_MAX } from "./limits";

// The shape of every request the notes endpoints take, for forms and JSON alike (form fields
// arrive as strings, so numbers are parsed from text). Messages name the field and the limit.

/** The honeypot's field name: a person never sees it (hidden by CSS), a form-filling bot fills it. */
export const HONEYPOT = "website";

const chars = (s: string) => [...s].length;
// Control characters other than tab and newline have no business in a note.
const clean = (s: string) => s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .optional()
    .transform((s) => clean(s ?? "").trim())
    .refine((s) => chars(s) <= max, { message: `${label} is at most ${max} characters` })
    .transform((s) => (s === "" ? null : s));

const slug = z.string({ error: "article is required" }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "article must be an article's slug, e.g. runpod-handler-timeout" });

const causeNumber = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "" || v === null) return null;
    const n = typeof v === "number" ? v : /^\d{1,3}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: "cause must be a cause number (2 for #cause-2) or empty for the whole article" });
      return z.NEVER;
    }
    return n;
  });

const body = z
  .string({ error: "body is required" })
  .transform((s) => clean(s).trim())
  .superRefine((s, ctx) => {
    const n = chars(s);
    if (n < BODY_MIN) ctx.addIssue({ code: "custom", message: `body must be at least ${BODY_MIN} characters (it has ${n}): say which version it applies to and what you changed` });
    if (n > BODY_MAX) ctx.addIssue({ code: "custom", message: `body is at most ${BODY_MAX} characters (it has ${n})` });
  });

const noteFields = {
  name: optionalText("name", NAME_MAX),
  platform: optionalText("platform", VERSION_MAX),
  runtime: optionalText("runtime", VERSION_MAX),
  library: optionalText("library", VERSION_MAX),
  body,
  [HONEYPOT]: z.string().optional(),
};

export const newNoteInput = z.object({ article: slug, cause: causeNumber, ...noteFields });
export type NewNoteInput = z.infer<typeof newNoteInput>;

export const editNoteInput = z.object(noteFields);
export type EditNoteInput = z.infer<typeof editNoteInput>;

export const previewInput = z.object({ body: z.string({ error: "body is required" }).transform((s) => clean(s)) });

export const voteInput = z.object({
  value: z.union([z.literal("up"), z.literal("down"), z.literal(1), z.literal(-1)], { error: 'value must be "up" or "down"' }).transform((v) => (v === "up" || v === 1 ? 1 : -1) as 1 | -1),
});

export const reportInput = z.object({
  reason: z.enum(Object.keys(REPORT_REASONS) as [keyof typeof REPORT_REASONS, ...(keyof typeof REPORT_REASONS)[]], { error: `reason must be one of ${Object.keys(REPORT_REASONS).join(", ")}` }),
  detail: optionalText("detail", REPORT_DETAIL_MAX),
});

export const workedInput = z.object({
  article: slug,
  cause: z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^\d{1,3}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: "cause must be the cause's number (2 for #cause-2)" });
      return z.NEVER;
    }
    return n;
  }),
  version: optionalText("version", WORKED_VERSION_MAX),
});

export const moderationInput = z.object({ action: z.enum(["approve", "reject", "delete"], { error: "action must be approve, reject or delete" }) });

export const ownerActionInput = z.object({ intent: z.enum(["edit", "delete"], { error: "intent must be edit or delete" }) });

/** The first problem zod found, as one sentence. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "the request is invalid";
  const field = issue.path.join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}
