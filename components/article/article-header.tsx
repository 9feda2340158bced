import Link from "next/link";
import type { Frontmatter } from "@/lib/content/schema";
import { platformName } from "@/lib/content/platforms";
import { articlePath, formatMonth } from "@/lib/site";
import { CopyButton } from "../copy-button.client";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const LANGUAGE_NAMES = { python: "Python", js: "JavaScript", ts: "TypeScript" } as const;

export function Badges({ frontmatter }: { frontmatter: Frontmatter }) {
  return (
    <ul className="badges" aria-label="At a glance">
      <li className={`badge badge-severity-${frontmatter.severity}`}>
        <span className="visually-hidden">Severity: </span>
        {capitalize(frontmatter.severity)} severity
      </li>
      <li className="badge">
        <span className="visually-hidden">Difficulty: </span>
        {capitalize(frontmatter.difficulty)}
      </li>
      <li className="badge">
        <span aria-hidden="true">Fix: </span>
        <span className="visually-hidden">Time to fix: </span>
        {frontmatter.fixTime}
      </li>
      {frontmatter.languages.map((lang) => (
        <li key={lang} className="badge badge-lang">
          {LANGUAGE_NAMES[lang]}
        </li>
      ))}
    </ul>
  );
}

export function ArticleHeader({ slug, frontmatter }: { slug: string; frontmatter: Frontmatter }) {
  const path = articlePath(slug);
  return (
    <header className="article-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/">Articles</Link>
          </li>
          <li>
            <Link href={`/#platform-${frontmatter.platform}`}>{platformName(frontmatter.platform)}</Link>
          </li>
        </ol>
      </nav>
      <Badges frontmatter={frontmatter} />
      <h1>{frontmatter.title}</h1>
      <p className="error-name">
        <span className="visually-hidden">Error: </span>
        <code>{frontmatter.error}</code>
      </p>
      <p className="summary">{frontmatter.summary}</p>
      <p className="verified-line">
        <a href={frontmatter.verify} rel="noopener noreferrer" className="verified-link">
          Verified {formatMonth(frontmatter.verified)}
        </a>
        <span aria-hidden="true"> · </span>
        <span>{frontmatter.versions}</span>
      </p>
      <p className="article-actions">
        <CopyButton what={{ src: `${path}.md` }} label="Copy this article as Markdown" done="Article copied as Markdown">
          Copy as Markdown
        </CopyButton>
        <a href={`${path}.md`} type="text/markdown">
          Markdown
        </a>
        <a href={`${path}.json`} type="application/json">
          JSON
        </a>
      </p>
    </header>
  );
}
