import type { ComponentProps, ReactNode } from "react";
import { Fix } from "./cause";
import { Link, Table } from "./mdx-components";

function Hidden() {
  return null;
}

function Pass({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

/**
 * The article's MDX map for a page that shows one cause: every section but the causes renders
 * nothing, and of the causes only number `n`, without its heading (the page's h1 is its title).
 * Links to anchors point into the article, where those anchors are.
 */
export function causeOnlyComponents(n: number, articleHref: string) {
  function OnlyCause({ n: mine, children }: { n: string; children?: ReactNode }) {
    return mine === String(n) ? <div className="cause-body">{children}</div> : null;
  }
  function ArticleLink({ href = "", ...rest }: ComponentProps<"a">) {
    return <Link href={href.startsWith("#") ? `${articleHref}${href}` : href} {...rest} />;
  }
  return {
    Meaning: Hidden,
    ErrorLog: Hidden,
    QuickFix: Hidden,
    Why: Hidden,
    Detection: Hidden,
    Causes: Pass,
    CodeComparison: Hidden,
    Workaround: Hidden,
    Prevention: Hidden,
    Cause: OnlyCause,
    Fix,
    a: ArticleLink,
    table: Table,
  };
}
