// World rules: how the world around a handler behaves, declared as data instead of written into
// the handler. One schema for every place they come from (CLI flags, the editor's rows, an
// article's `simulate:` frontmatter, a `--rules` file) and every engine that reads them.
//
//   latency    seconds a host takes to answer            { "api.openai.com": 45, "*": 0.2 }
//   responses  what a method + URL pattern answers       [{ match: "GET 127.0.0.1:8188/history/*", answers: [...] }]
//   model      modules declared present but not run      ["torch", "diffusers"]
//   cost       seconds a modelled call takes             { "diffusers.*.from_pretrained": 40, "pipe()": 8 }
//
// Everything modelled is visible in the result: network spans say whether a rule or the default
// answered, modelled calls are spans of kind "modelled", and result.notes says what was assumed.
import { z } from "zod";

const seconds = (what: string) => z.number({ error: `${what} must be a number of seconds` }).finite().nonnegative(`${what} must be 0 seconds or more`);

/** One answer of a response rule. Answers are used in order: see responder.ts. */
export const answerSchema = z.strictObject({
  /** HTTP status; 200 unless given */
  status: z.number().int().min(100).max(599).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** a JSON body (sent with content-type application/json) */
  json: z.unknown().optional(),
  /** a text body */
  text: z.string().optional(),
  /**
   * seconds until this answer's status and headers arrive (the first byte); the host's latency
   * rule when not given. The connection itself opens at once unless `connection` says otherwise.
   */
  latency: seconds("latency").optional(),
  /**
   * A slowly streaming body: after the headers, the body arrives in this many chunks, `gap`
   * seconds apart (the first one `gap` after the headers). Clients with an idle timer between
   * reads (Node's socket timeout, undici's bodyTimeout) fire when `gap` exceeds it; a timer over
   * the whole request fires when headers plus every gap exceed it.
   */
  chunks: z.number().int().min(1, "chunks must be a whole number of body chunks, 1 or more").optional(),
  /** seconds between body chunks (and from the headers to the first chunk); 0 unless given */
  gap: seconds("gap").optional(),
  /** this answer is given this many times, then the next one takes over */
  times: z.number().int().positive("times must be a whole number of calls, 1 or more").optional(),
  /** this answer takes over once the run's clock reaches this many seconds (from the start of init) */
  from: seconds("from").optional(),
  /**
   * The connection itself fails instead of answering: "refused" (nothing listens: the client's
   * connection error at once, e.g. a server that has not started yet) or "dropped" (the host never
   * accepts: the client's connect timeout fires, or it waits).
   */
  connection: z.enum(["refused", "dropped"], { error: 'connection must be "refused" or "dropped"' }).optional(),
});

export type ResponseAnswer = z.output<typeof answerSchema>;

const METHOD = /^(\*|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|WS)$/;

/**
 * `match` is "[METHOD ]URL-PATTERN": the method (GET, POST, …, WS for a WebSocket's messages, or *
 * for any; any when left out), then a URL whose host and path may hold `*` wildcards:
 * `127.0.0.1:8188/history/*`, `https://*.amazonaws.com/*`, `localhost:5000/health-check`. No path
 * means any path; a pattern without `?` ignores the query string.
 */
export const matchSchema = z
  .string()
  .trim()
  .min(1, "match must name a URL pattern, e.g. GET 127.0.0.1:8188/history/*")
  .refine((text) => {
    const parts = text.split(/\s+/);
    return parts.length === 1 || (parts.length === 2 && METHOD.test(parts[0]!.toUpperCase()));
  }, "match must be [METHOD ]URL-PATTERN, e.g. GET 127.0.0.1:8188/history/* (methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, WS, *)");

export const responseRuleSchema = z
  .strictObject({
    match: matchSchema,
    answers: z.array(answerSchema).min(1, "answers needs at least one answer").optional(),
    // Shorthand for a rule with one answer: the answer's fields beside `match`.
    ...answerSchema.shape,
  })
  .transform((rule, ctx) => {
    const { match, answers, ...single } = rule;
    const hasSingle = Object.values(single).some((v) => v !== undefined);
    if (answers && hasSingle) {
      ctx.addIssue({ code: "custom", message: "give either answers: [...] or one answer's fields beside match, not both" });
      return z.NEVER;
    }
    const list = answers ?? [answerSchema.parse(single)];
    for (let i = 0; i < list.length - 1; i++) {
      const answer = list[i]!;
      if (answer.times === undefined && list[i + 1]!.from === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["answers", i],
          message: `answer ${i + 1} has no times and answer ${i + 2} no from, so answer ${i + 2} would never be used (give answer ${i + 1} times: N, or answer ${i + 2} from: seconds)`,
        });
        return z.NEVER;
      }
    }
    const gapless = list.findIndex((answer) => answer.gap !== undefined && answer.chunks === undefined);
    if (gapless >= 0) {
      ctx.addIssue({ code: "custom", path: ["answers", gapless], message: "gap is the time between body chunks: give chunks: N with it" });
      return z.NEVER;
    }
    const both = list.findIndex((answer) => answer.json !== undefined && answer.text !== undefined);
    if (both >= 0) {
      ctx.addIssue({ code: "custom", path: ["answers", both], message: "an answer has either json or text, not both" });
      return z.NEVER;
    }
    return { match, answers: list };
  });

export type ResponseRule = { match: string; answers: ResponseAnswer[] };

/** Dotted module names: "torch", "diffusers", "comfy.model_management", "@aws-sdk/client-s3", "sharp". */
const moduleName = z
  .string()
  .trim()
  .regex(/^(\*|@?[\w.\-]+(\/[\w.\-]+)*)$/, "model entries are module names such as torch, diffusers or @scope/package (or * for every import the simulator cannot provide)");

export const worldSchema = z.strictObject({
  latency: z.record(z.string(), seconds("latency")).optional(),
  responses: z.array(responseRuleSchema).optional(),
  model: z.array(moduleName).optional(),
  cost: z.record(z.string().trim().min(1), seconds("cost")).optional(),
});

export type WorldRules = {
  latency?: Record<string, number>;
  responses?: ResponseRule[];
  model?: string[];
  cost?: Record<string, number>;
};

/** Validates rules from any source; throws an Error whose message names the field. */
export function parseWorld(input: unknown, where = "rules"): WorldRules {
  const parsed = worldSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length ? `${where}.${issue.path.join(".")}` : where;
    throw new Error(`${path}: ${issue.message}`);
  }
  return parsed.data as WorldRules;
}

/** Later rules win: the editor's rows over an article's defaults, CLI flags over a --rules file. */
export function mergeWorld(...layers: (WorldRules | undefined)[]): WorldRules {
  const out: WorldRules = {};
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.latency) out.latency = { ...out.latency, ...layer.latency };
    // Response rules are matched first to last: put the later layer's first so it wins.
    if (layer.responses) out.responses = [...layer.responses, ...(out.responses ?? [])];
    if (layer.model) out.model = [...new Set([...(out.model ?? []), ...layer.model])];
    if (layer.cost) out.cost = { ...out.cost, ...layer.cost };
  }
  return out;
}
