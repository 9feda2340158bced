import { z } from "zod";
import { MAX_CONCURRENCY } from "../runner/types";
import { worldSchema } from "../runner/world/rules";
import { ARTICLE_PLATFORM_IDS } from "./platforms";

// The frontmatter contract of every article in content/errors/<slug>/index.mdx. Anything that
// does not fit fails the build with the file, the field and the reason (see load.server.ts).

const nonEmpty = z.string().trim().min(1, "must not be empty");
const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

export const LANGUAGES = ["python", "js", "ts"] as const;
export type ArticleLanguage = (typeof LANGUAGES)[number];

const expectBroken = z.enum(["timeout", "error"]);

export const simulateSchema = z.strictObject({
  /** simulator preset id, e.g. runpod, aws-lambda, vercel */
  platform: nonEmpty,
  /** seconds of the platform's clock */
  timeout: z.number().positive("must be a positive number of seconds"),
  /** the event (job input) the handler receives */
  event: z.unknown().optional(),
  /** host → seconds of modelled latency */
  latency: z.record(z.string(), z.number().nonnegative("must be a latency in seconds, 0 or more")).optional(),
  /** how the world answers: response rules, modelled modules, call costs (lib/runner/world/rules.ts) */
  responses: worldSchema.shape.responses,
  model: worldSchema.shape.model,
  cost: worldSchema.shape.cost,
  /** environment variables the deployed function would have (secrets, settings) */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), z.string()).optional(),
  /** the entry point, when the file holds more than one candidate */
  handler: nonEmpty.optional(),
  /** the platform's plan / mode, e.g. pro-fluid (lib/runner/platforms) */
  plan: nonEmpty.optional(),
  /** simultaneous requests to a server (gunicorn, heroku): they share workers and queue */
  concurrency: z.number().int("must be a whole number").min(1, "must be 1 or more").max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`).optional(),
  broken: z.string().regex(/^[\w.-]+\.(py|js|mjs|cjs|ts)$/, "must be a code file name beside index.mdx, e.g. broken.py"),
  fixed: z.string().regex(/^[\w.-]+\.(py|js|mjs|cjs|ts)$/, "must be a code file name beside index.mdx, e.g. fixed.py"),
  expect: z
    .strictObject({ broken: expectBroken, fixed: z.literal("ok") })
    .default({ broken: "timeout", fixed: "ok" }),
});

export const referenceSchema = z.strictObject({
  url: httpsUrl,
  title: nonEmpty,
});

/** What a slug looks like: the folder name under content/errors/. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const baseSchema = z.strictObject({
  title: nonEmpty.max(120, "must be at most 120 characters"),
  /** the line people see in their logs */
  error: nonEmpty,
  summary: nonEmpty.max(320, "must be at most 320 characters (it is the page description)"),
  platform: z.enum(ARTICLE_PLATFORM_IDS, { error: `must be one of ${ARTICLE_PLATFORM_IDS.join(", ")}` }),
  languages: z.array(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` })).min(1, "needs at least one language"),
  severity: z.enum(["low", "medium", "high"], { error: "must be one of low, medium, high" }),
  difficulty: z.enum(["beginner", "intermediate", "advanced"], { error: "must be one of beginner, intermediate, advanced" }),
  fixTime: nonEmpty,
  versions: nonEmpty,
  // YAML reads 2026-11 as a string but a bare 2026 as a number; coerce so both get the same message.
  verified: z.coerce.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM, e.g. 2026-11"),
  verify: httpsUrl,
  signatures: z.array(nonEmpty).min(1, "needs at least one signature (the exact text people paste)"),
  /** signatures that rule this article out: text whose presence in a paste says it is another error */
  notThis: z.array(nonEmpty).optional(),
  references: z.array(referenceSchema).min(1, "needs at least one reference"),
  simulate: z.union([simulateSchema, z.literal(false)]),
  simulateReason: nonEmpty.optional(),
  /** former slugs of a renamed article: /errors/<alias> answers 308 to the article */
  aliases: z.array(z.string().regex(SLUG, "must be a former slug: lower-case words joined by hyphens")).optional(),
});

export const frontmatterSchema = baseSchema.superRefine((value, ctx) => {
  if (value.simulate === false && !value.simulateReason) {
    ctx.addIssue({ code: "custom", path: ["simulateReason"], message: "is required when simulate is false: say why this error is not runtime behaviour" });
  }
  if (value.simulate !== false && value.simulateReason) {
    ctx.addIssue({ code: "custom", path: ["simulateReason"], message: "only belongs to an article with simulate: false" });
  }
});

export type Frontmatter = z.output<typeof frontmatterSchema>;
export type Simulate = z.output<typeof simulateSchema>;
export type Reference = z.output<typeof referenceSchema>;
