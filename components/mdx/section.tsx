import type { ReactNode } from "react";
import { SECTIONS, type SectionComponent } from "@/lib/content/article-structure";

/** One of the article's fixed sections: an h2 with a self-link, and the author's content. */
export function Section({ component, children }: { component: SectionComponent; children: ReactNode }) {
  const section = SECTIONS.find((s) => s.component === component)!;
  return (
    <section id={section.id} aria-labelledby={`${section.id}-title`} className={`article-section section-${section.id}`}>
      <h2 id={`${section.id}-title`}>
        <a href={`#${section.id}`} className="heading-anchor">
          {section.title}
        </a>
      </h2>
      {children}
    </section>
  );
}

export function sectionComponent(component: SectionComponent) {
  function ArticleSection({ children }: { children?: ReactNode }) {
    return <Section component={component}>{children}</Section>;
  }
  ArticleSection.displayName = component;
  return ArticleSection;
}
