import type { ReactNode } from "react";
import type { CauseOutline } from "@/lib/content/article-structure";
import { Fix } from "./cause";
import { Link, Table } from "./mdx-components";
import { sectionComponent } from "./section";
import "./lead.css";

/**
 * The section the page shows first, straight under the title: a reader who pasted an error wants
 * the list of causes and the quick fix before the explanation. The article's own order (and its
 * Markdown twin) stays as authored; the page renders the body twice, once with this map (only the
 * Quick fix) and once with the full map minus the Quick fix (see `withoutLead`).
 */
export const LEAD_SECTION = "QuickFix";

function Hidden() {
  return null;
}

const QuickFix = sectionComponent("QuickFix");

/** The causes as links, numbered as the page numbers them: what the article covers, at a glance. */
export function CausesAtAGlance({ causes }: { causes: Pick<CauseOutline, "n" | "id" | "title">[] }) {
  return (
    <nav className="at-a-glance-causes" aria-labelledby="at-a-glance-causes-title">
      <p id="at-a-glance-causes-title" className="at-a-glance-title">
        {causes.length === 1 ? "1 cause, with its fix" : `${causes.length} causes, each with its fix`}
      </p>
      <ol>
        {causes.map((c) => (
          <li key={c.id}>
            <a href={`#${c.id}`}>
              <span className="cause-number" aria-hidden="true">
                {c.n}
              </span>
              <span className="visually-hidden">Cause {c.n}: </span>
              {c.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The MDX map that renders only the lead section, after the causes at a glance: the list is short
 * (two columns on a wide screen), so both it and the Quick fix start above the fold at 1280×800.
 */
export function leadComponents(causes: Pick<CauseOutline, "n" | "id" | "title">[]) {
  function Lead({ children }: { children?: ReactNode }) {
    return (
      <div className="article-lead">
        <CausesAtAGlance causes={causes} />
        <QuickFix>{children}</QuickFix>
      </div>
    );
  }
  return {
    Meaning: Hidden,
    ErrorLog: Hidden,
    QuickFix: Lead,
    Why: Hidden,
    Detection: Hidden,
    Causes: Hidden,
    CodeComparison: Hidden,
    Workaround: Hidden,
    Prevention: Hidden,
    Cause: Hidden,
    Fix,
    a: Link,
    table: Table,
  };
}

/** The full map with the lead section left out: it is already on the page, above. */
export function withoutLead<T extends Record<string, unknown>>(components: T): T {
  return { ...components, [LEAD_SECTION]: Hidden };
}
