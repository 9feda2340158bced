import type { ReactNode } from "react";
import { CopyLink } from "../copy-link.client";

/**
 * A numbered cause with its fix. `n` is added at build time (lib/content/article-structure.ts),
 * so `#cause-2` always means the second cause of the article. `after` is what readers added:
 * "worked for me" and the notes attached to this cause.
 */
export function Cause({ title, n, children, after }: { title: string; n: string; children?: ReactNode; after?: ReactNode }) {
  const id = `cause-${n}`;
  return (
    <section id={id} className="cause" aria-labelledby={`${id}-title`}>
      <div className="cause-head">
        <span className="cause-number" aria-hidden="true">
          {n}
        </span>
        <h3 id={`${id}-title`}>
          <a href={`#${id}`} className="heading-anchor">
            <span className="visually-hidden">Cause {n}: </span>
            {title}
          </a>
        </h3>
        <CopyLink anchor={id} label={`cause ${n}: ${title}`} />
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
