import type { ReactNode } from "react";
import { CopyButton } from "../copy-button.client";

type CauseProps = {
  title: string;
  /** added at build time (lib/content/article-structure.ts): the cause's place in the article */
  n: string;
  /** the author's stable anchor; `cause-N` when the article gives none */
  id?: string;
  /** the cause and its fix as Markdown for an issue comment (lib/content/twins/markdown.ts) */
  copy?: string;
  children?: ReactNode;
  after?: ReactNode;
};

/**
 * A numbered cause with its fix. Its anchor is the authored id when there is one, and `#cause-N`
 * (N its place in the article) always lands here too, through an alias target at its top.
 * `after` is what readers added: "worked for me" and the notes attached to this cause.
 */
export function Cause({ title, n, id, copy, children, after }: CauseProps) {
  const alias = `cause-${n}`;
  const anchor = id ?? alias;
  return (
    <section id={anchor} className="cause" aria-labelledby={`${anchor}-title`} data-cause={n}>
      {anchor !== alias ? <span id={alias} className="cause-alias" aria-hidden="true" /> : null}
      <div className="cause-head">
        <span className="cause-number" aria-hidden="true">
          {n}
        </span>
        <h3 id={`${anchor}-title`}>
          <a href={`#${anchor}`} className="heading-anchor">
            <span className="visually-hidden">Cause {n}: </span>
            {title}
          </a>
        </h3>
        <div className="cause-actions">
          <CopyButton what={{ anchor }} label={`Copy link to cause ${n}: ${title}`} done="Link copied">
            Copy link
          </CopyButton>
          {copy ? (
            <CopyButton what={{ text: copy }} label={`Copy fix for cause ${n} as Markdown: ${title}`} done="Fix copied as Markdown">
              Copy fix
            </CopyButton>
          ) : null}
        </div>
      </div>
      <div className="cause-body">{children}</div>
      {after}
    </section>
  );
}

export function Fix({ children }: { children?: ReactNode }) {
  return (
    <div className="fix">
      <p className="fix-label">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path fill="currentColor" d="M6.2 11.6 2.6 8l1.2-1.2 2.4 2.4 6-6L13.4 4.4z" />
        </svg>
        Fix
      </p>
      {children}
    </div>
  );
}
