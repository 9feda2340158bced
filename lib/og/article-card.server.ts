import type { CauseOutline } from "../content/article-structure";
import { platformName } from "../content/platforms";
import type { TwinArticle } from "../content/twins/model";
import { formatMonth } from "../site";
import type { CardInput } from "./card";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function facts(article: TwinArticle): string[] {
  const fm = article.frontmatter;
  return [`Fix: ${fm.fixTime}`, `${capitalize(fm.severity)} severity`, `Verified ${formatMonth(fm.verified)}`];
}

export function articleCardInput(article: TwinArticle): CardInput {
  const fm = article.frontmatter;
  return { where: article.file, kicker: platformName(fm.platform), title: fm.title, error: fm.error, facts: facts(article) };
}

export function causeCardInput(article: TwinArticle, cause: CauseOutline): CardInput {
  const fm = article.frontmatter;
  return {
    where: `${article.file} <Cause title="${cause.title}">`,
    kicker: `${platformName(fm.platform)} · Cause ${cause.n} of ${article.outline.causes.length}`,
    title: cause.title,
    subtitle: fm.title,
    error: fm.error,
    facts: facts(article),
  };
}
