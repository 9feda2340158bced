// The real-handler corpus: public handlers reduced (in our own words) to the structure, imports,
// entry convention and timing-relevant control flow of the original, each with the world a user
// would describe and the outcome the real platform would show. Loading validates everything a
// case claims about itself, so a broken case fails here rather than as a confusing simulator run.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { findPlan, getPlatform, isPlatformId } from "../platforms";
import { languageOfFile } from "../prepare";
import type { Language, SimulationRequest, SimulationResult } from "../types";
import { parseWorld, type WorldRules } from "../world";

export const CASES_DIR = fileURLToPath(new URL("./cases", import.meta.url));

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMMIT = /^[0-9a-f]{40}$/;

const sourceSchema = z
  .strictObject({
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "repo must be owner/name"),
    path: z.string().min(1),
    commit: z.string().regex(COMMIT, "commit must be 40 lowercase hex digits"),
    url: z.string().url(),
  })
  .refine((s) => s.url === `https://github.com/${s.repo}/blob/${s.commit}/${s.path}`, "url must be https://github.com/<repo>/blob/<commit>/<path>");

const lineSchema = z.number().int().positive();

export const expectSchema = z
  .strictObject({
    verdict: z.enum(["ok", "timeout", "error"]),
    /** 1-based line of `file`: executing at the deadline (timeout) or raising (error); null for ok */
    line: lineSchema.nullable(),
    /** seconds on the platform's clock, as a [min, max] range */
    elapsed: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).refine(([a, b]) => a <= b, "elapsed must be [min, max] with min <= max"),
    /** the error's type as the platform reports it (error verdicts only) */
    errorType: z.string().min(1).nullable(),
    /** the deepest user frame when it is in a sibling module rather than `file` */
    innerLine: z.strictObject({ file: z.string().min(1), line: lineSchema }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.verdict === "ok" && e.line !== null) ctx.addIssue({ code: "custom", path: ["line"], message: "an ok case has line null" });
    if (e.verdict !== "ok" && e.line === null) ctx.addIssue({ code: "custom", path: ["line"], message: `a ${e.verdict} case names the line` });
    if ((e.verdict === "error") !== (e.errorType !== null)) ctx.addIssue({ code: "custom", path: ["errorType"], message: "errorType is given exactly for error cases" });
  });

export const caseSchema = z.strictObject({
  source: sourceSchema,
  kind: z.string().regex(KEBAB, "kind is kebab-case, e.g. runpod-comfyui"),
  file: z.string().regex(/^[\w.-]+$/, "file is a file name in the case folder"),
  platform: z.string().refine(isPlatformId, "platform must be a preset id (see lib/runner/platforms)"),
  plan: z.string().min(1).nullable(),
  timeout: z.number().positive().nullable(),
  handler: z.string().min(1).nullable(),
  /** the event itself, or "@name.json" naming a file in the case folder */
  event: z.unknown(),
  rules: z.unknown(),
  expect: expectSchema,
  why: z.string().min(40, "why says what the real platform would show and why, in a sentence or two"),
});

export type CaseFile = z.output<typeof caseSchema>;

export type CorpusCase = CaseFile & {
  id: string;
  /** absolute case folder */
  root: string;
  language: Language;
  code: string;
  /** the event after resolving "@file" */
  eventValue: unknown;
  world: WorldRules;
};

export class CorpusError extends Error {
  constructor(id: string, message: string) {
    super(`corpus case ${id}: ${message}`);
    this.name = "CorpusError";
  }
}

function readJson(path: string, id: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CorpusError(id, `${path.split("/").pop()} is not valid JSON: ${(error as Error).message}`);
  }
}

function checkLine(id: string, root: string, file: string, line: number, what: string): void {
  const path = join(root, file);
  if (!existsSync(path)) throw new CorpusError(id, `${what} names ${file}, which is not in the case folder`);
  const lines = readFileSync(path, "utf8").split("\n");
  const text = lines[line - 1];
  if (text === undefined) throw new CorpusError(id, `${what} is line ${line} but ${file} has ${lines.length} lines`);
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith("//")) throw new CorpusError(id, `${what} is line ${line} of ${file}, which is blank or a comment: "${trimmed}"`);
}

/** Loads and validates one case folder. */
export function loadCase(root: string): CorpusCase {
  const id = root.split("/").filter(Boolean).pop()!;
  if (!KEBAB.test(id)) throw new CorpusError(id, "the folder name must be kebab-case");
  const casePath = join(root, "case.json");
  if (!existsSync(casePath)) throw new CorpusError(id, "case.json is missing");
  const parsed = caseSchema.safeParse(readJson(casePath, id));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorpusError(id, `case.json ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const c = parsed.data;
  const codePath = join(root, c.file);
  if (!existsSync(codePath)) throw new CorpusError(id, `file ${c.file} is not in the case folder`);
  const language = languageOfFile(c.file);
  if (!language) throw new CorpusError(id, `file ${c.file} has no extension the simulator reads (.py, .js, .mjs, .cjs, .ts, .mts, .cts)`);
  const preset = getPlatform(c.platform);
  if (!preset.languages.includes(language)) throw new CorpusError(id, `${preset.name} does not run ${language}`);
  if (c.plan !== null && !findPlan(preset, c.plan)) {
    throw new CorpusError(id, `plan "${c.plan}" is not a plan of ${c.platform} (${preset.plans.map((p) => p.id).join(", ")})`);
  }
  let world: WorldRules;
  try {
    world = parseWorld(c.rules);
  } catch (error) {
    throw new CorpusError(id, (error as Error).message);
  }
  let eventValue: unknown = c.event;
  if (typeof c.event === "string" && c.event.startsWith("@")) {
    const eventPath = join(root, c.event.slice(1));
    if (!existsSync(eventPath)) throw new CorpusError(id, `event names ${c.event.slice(1)}, which is not in the case folder`);
    eventValue = readJson(eventPath, id);
  }
  if (c.platform === "runpod" && (typeof eventValue !== "object" || eventValue === null || !("input" in eventValue))) {
    throw new CorpusError(id, 'a RunPod event is the job as test_input.json holds it: {"input": ...}');
  }
  if (c.expect.line !== null) checkLine(id, root, c.file, c.expect.line, "expect.line");
  if (c.expect.innerLine) checkLine(id, root, c.expect.innerLine.file, c.expect.innerLine.line, "expect.innerLine");
  return { ...c, id, root, language, code: readFileSync(codePath, "utf8"), eventValue, world };
}

/** Every case under `dir`, sorted by id. */
export function loadCorpus(dir: string = CASES_DIR): CorpusCase[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => loadCase(join(dir, name)));
}

/** The request the CLI would send for this case: the file as written, the user's world, the case folder as project. */
export function requestFor(c: CorpusCase): SimulationRequest {
  return {
    language: c.language,
    code: c.code,
    filename: c.file,
    platform: c.platform,
    ...(c.timeout !== null ? { timeout: c.timeout } : {}),
    event: c.eventValue,
    ...(c.world.latency ? { latency: c.world.latency } : {}),
    ...(c.world.responses ? { responses: c.world.responses } : {}),
    ...(c.world.model ? { model: c.world.model } : {}),
    ...(c.world.cost ? { cost: c.world.cost } : {}),
    ...(c.handler !== null ? { handler: c.handler } : {}),
    ...(c.plan !== null ? { plan: c.plan } : {}),
    project: { root: c.root },
  };
}

export type Judgement = { pass: boolean; mismatches: string[] };

/** Compares a result with the case's expectation: verdict, line and elapsed range (and error type). */
export function judge(c: CorpusCase, result: Pick<SimulationResult, "verdict" | "line" | "elapsedSeconds" | "error">): Judgement {
  const e = c.expect;
  const mismatches: string[] = [];
  if (result.verdict !== e.verdict) mismatches.push(`verdict ${result.verdict}, expected ${e.verdict}`);
  if (result.line !== e.line) mismatches.push(`line ${result.line ?? "none"}, expected ${e.line ?? "none"}`);
  const [min, max] = e.elapsed;
  if (result.elapsedSeconds < min || result.elapsedSeconds > max) mismatches.push(`elapsed ${result.elapsedSeconds.toFixed(2)} s, expected ${min}–${max} s`);
  if (e.verdict === "error" && result.verdict === "error" && result.error?.type !== e.errorType) {
    mismatches.push(`error ${result.error?.type ?? "none"}, expected ${e.errorType}`);
  }
  return { pass: mismatches.length === 0, mismatches };
}
