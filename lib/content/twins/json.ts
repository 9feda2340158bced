// The `/errors/<slug>.json` twin and the `/errors.json` index: an article as data for tools
// (issue bots, editors, LLM agents). The zod schemas are the contract: the generator parses what
// it returns, the unit tests parse every article, and openapi.json is generated from them.
import { z } from "zod";
import { SECTIONS } from "../article-structure";
import { platformName } from "../platforms";
import { LANGUAGES } from "../schema";
import { getPlatform, planSummary, resolvePlan } from "../../runner/platforms";
import { SITE_URL } from "../../site";
import { articleUrl, causeMarkdown, causeParts, hostOf, sectionMarkdown } from "./markdown";
import type { TwinArticle } from "./model";

const url = z.url();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const source = z.strictObject({ url, title: z.string().min(1) });

export const causeJsonSchema = z.strictObject({
  n: z.number().int().positive(),
  /** the stable anchor: authored, or cause-N when the article gives none */
  id: z.string().min(1),
  /** cause-N: lands on the same cause, for links written before ids existed */
  alias: z.string().regex(/^cause-\d+$/),
  title: z.string().min(1),
  url,
  /** a page for this cause alone, with its own link preview (for chat apps) */
  shareUrl: url,
  explanation: z.string(),
  fix: z.strictObject({
    markdown: z.string().min(1),
    code: z.array(z.strictObject({ lang: z.string().nullable(), code: z.string() })),
  }),
  /** what "Copy fix" puts on the clipboard */
  copy: z.string().min(1),
});

const pairFileSchema = z.strictObject({ file: z.string(), language: z.enum(["python", "js", "ts"]), code: z.string(), expect: z.enum(["timeout", "error", "ok"]) });

const limitSchema = z.number().positive().nullable();

export const articleJsonSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  url,
  markdownUrl: url,
  title: z.string().min(1),
  error: z.string().min(1),
  summary: z.string().min(1),
  signatures: z.array(z.string().min(1)).min(1),
  platform: z.strictObject({ id: z.string(), name: z.string() }),
  languages: z.array(z.enum(LANGUAGES)).min(1),
  severity: z.enum(["low", "medium", "high"]),
  difficulty: z.enum(["beginner", "intermediate", "advanced"]),
  fixTime: z.string(),
  versions: z.string(),
  verified: month,
  /** the official source the article is verified against, then the simulator preset's sources */
  sources: z.array(source).min(1),
  references: z.array(source).min(1),
  /** the platform limits the simulated pair runs under, from the simulator's preset (null: not simulated) */
  limits: z
    .strictObject({
      simulator: z.string(),
      platform: z.string(),
      plan: z.strictObject({ id: z.string(), name: z.string(), clock: z.enum(["wall", "cpu"]), defaultTimeout: limitSchema, maxTimeout: limitSchema, minTimeout: z.number(), note: z.string() }),
      timeout: z.number().positive(),
      sources: z.array(source),
    })
    .nullable(),
  sections: z.array(z.strictObject({ id: z.string(), title: z.string(), markdown: z.string() })),
  causes: z.array(causeJsonSchema).min(1),
  code: z.strictObject({ broken: pairFileSchema, fixed: pairFileSchema, timeout: z.number().positive() }).nullable(),
  simulateReason: z.string().nullable(),
  aliases: z.array(z.string()),
});

export type ArticleJson = z.output<typeof articleJsonSchema>;

export const articleIndexEntrySchema = articleJsonSchema.pick({ slug: true, url: true, markdownUrl: true, title: true, error: true, summary: true, platform: true, languages: true, severity: true, verified: true, signatures: true }).extend({
  jsonUrl: url,
  causes: z.array(causeJsonSchema.pick({ n: true, id: true, title: true, url: true })),
});

export const articleIndexSchema = z.strictObject({ site: url, count: z.number().int().nonnegative(), articles: z.array(articleIndexEntrySchema) });

export type ArticleIndex = z.output<typeof articleIndexSchema>;

const finite = (n: number | null) => (n !== null && Number.isFinite(n) ? n : null);

export function causeShareUrl(origin: string, slug: string, id: string): string {
  return `${articleUrl(origin, slug)}/cause/${id}`;
}

function limitsOf(article: TwinArticle): ArticleJson["limits"] {
  const simulate = article.frontmatter.simulate;
  if (!simulate) return null;
  const preset = getPlatform(simulate.platform);
  const { plan, timeout } = resolvePlan(preset, { plan: simulate.plan, timeout: simulate.timeout });
  const summary = planSummary(preset, plan);
  return {
    simulator: preset.id,
    platform: preset.name,
    plan: { id: summary.id, name: summary.name, clock: summary.clock, defaultTimeout: finite(summary.defaultTimeout), maxTimeout: finite(summary.maxTimeout), minTimeout: summary.minTimeout, note: summary.note },
    timeout,
    sources: preset.sources.map((s) => ({ url: s.url, title: s.title })),
  };
}

export function articleJson(article: TwinArticle, origin = SITE_URL): ArticleJson {
  const { frontmatter: fm, slug, pair } = article;
  const page = articleUrl(origin, slug);
  const limits = limitsOf(article);
  const seen = new Set<string>();
  const sources = [{ url: fm.verify, title: `Verified ${fm.verified} against ${hostOf(fm.verify)}` }, ...(limits?.sources ?? [])].filter((s) => !seen.has(s.url) && seen.add(s.url));
  const simulate = fm.simulate;
  const json: ArticleJson = {
    slug,
    url: page,
    markdownUrl: `${page}.md`,
    title: fm.title,
    error: fm.error,
    summary: fm.summary,
    signatures: fm.signatures,
    platform: { id: fm.platform, name: platformName(fm.platform) },
    languages: fm.languages,
    severity: fm.severity,
    difficulty: fm.difficulty,
    fixTime: fm.fixTime,
    versions: fm.versions,
    verified: fm.verified,
    sources,
    references: fm.references,
    limits,
    sections: SECTIONS.filter((s) => article.outline.sections.includes(s.component) && s.component !== "Causes").map((s) => ({
      id: s.id,
      title: s.title,
      markdown: sectionMarkdown(article, s.component, origin),
    })),
    causes: article.outline.causes.map((cause) => {
      const parts = causeParts(article, cause, origin);
      return {
        n: cause.n,
        id: cause.id,
        alias: cause.alias,
        title: cause.title,
        url: `${page}#${cause.id}`,
        shareUrl: causeShareUrl(origin, slug, cause.id),
        explanation: parts.explanation,
        fix: { markdown: parts.fix, code: parts.code },
        copy: causeMarkdown(article, cause, origin),
      };
    }),
    code:
      pair && simulate
        ? {
            broken: { file: pair.broken.name, language: pair.broken.lang, code: pair.broken.source, expect: simulate.expect.broken },
            fixed: { file: pair.fixed.name, language: pair.fixed.lang, code: pair.fixed.source, expect: simulate.expect.fixed },
            timeout: simulate.timeout,
          }
        : null,
    simulateReason: fm.simulateReason ?? null,
    aliases: fm.aliases ?? [],
  };
  return articleJsonSchema.parse(json);
}

export function articleIndex(articles: TwinArticle[], origin = SITE_URL): ArticleIndex {
  const entries = articles.map((article) => {
    const { frontmatter: fm, slug } = article;
    const page = articleUrl(origin, slug);
    return {
      slug,
      url: page,
      markdownUrl: `${page}.md`,
      jsonUrl: `${page}.json`,
      title: fm.title,
      error: fm.error,
      summary: fm.summary,
      platform: { id: fm.platform, name: platformName(fm.platform) },
      languages: fm.languages,
      severity: fm.severity,
      verified: fm.verified,
      signatures: fm.signatures,
      causes: article.outline.causes.map((c) => ({ n: c.n, id: c.id, title: c.title, url: `${page}#${c.id}` })),
    };
  });
  return articleIndexSchema.parse({ site: origin, count: entries.length, articles: entries });
}
