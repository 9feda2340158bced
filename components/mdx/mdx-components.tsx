import type { ComponentProps, ReactNode } from "react";
import type { CodePair } from "@/lib/content/code-pair.server";
import type { Simulate } from "@/lib/content/schema";
import type { Community } from "@/lib/notes/community.server";
import { CauseCommunity } from "../notes/community-notes";
import { Cause, Fix } from "./cause";
import { CodeComparison } from "./code-comparison";
import { RunnerPanel } from "../runner/runner-panel";
import { Section, sectionComponent } from "./section";

export function Link({ href = "", children, ...rest }: ComponentProps<"a">) {
  const external = /^https?:\/\//.test(href);
  return (
    <a href={href} {...rest} {...(external ? { rel: "noopener noreferrer", className: "external" } : {})}>
      {children}
    </a>
  );
}

export function Table(props: ComponentProps<"table">) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  );
}

type Context = {
  slug: string;
  pair: CodePair | null;
  simulate: Simulate | false;
  platform: string;
  platformName: string;
  /** each cause's "Copy fix" Markdown, by its number */
  copies: Record<string, string>;
  community?: Community | null;
};

/** The single map from MDX element names to components, one component per element. */
export function articleComponents({ slug, pair, simulate, platform, platformName, copies, community = null }: Context) {
  function ArticleCause(props: Omit<ComponentProps<typeof Cause>, "copy" | "after">) {
    const after = community ? <CauseCommunity community={community} cause={{ n: Number(props.n), title: props.title }} /> : null;
    return <Cause {...props} copy={copies[props.n]} after={after} />;
  }
  function ArticleCodeComparison({ children }: { children?: ReactNode }) {
    return (
      <Section component="CodeComparison">
        {children}
        {pair && simulate ? <CodeComparison pair={pair} platformName={platformName} timeout={simulate.timeout} expect={simulate.expect} /> : null}
        <RunnerPanel slug={slug} pair={pair} simulate={simulate} articlePlatform={platform} />
      </Section>
    );
  }
  return {
    Meaning: sectionComponent("Meaning"),
    ErrorLog: sectionComponent("ErrorLog"),
    QuickFix: sectionComponent("QuickFix"),
    Why: sectionComponent("Why"),
    Detection: sectionComponent("Detection"),
    Causes: sectionComponent("Causes"),
    CodeComparison: ArticleCodeComparison,
    Workaround: sectionComponent("Workaround"),
    Prevention: sectionComponent("Prevention"),
    Cause: ArticleCause,
    Fix,
    a: Link,
    table: Table,
  };
}
