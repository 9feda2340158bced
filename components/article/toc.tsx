import { SECTIONS, type ArticleOutline } from "@/lib/content/article-structure";
import { LEAD_SECTION } from "../mdx/lead-components";
import { TocLinks, type TocItem } from "./toc-links.client";
import "./toc.css";

/**
 * "On this page": the sections the article has in the order the page shows them (the lead
 * section first), with its causes under "Causes and fixes". The section in view is marked by the
 * client twin (toc-links.client.tsx).
 */
export function TableOfContents({ outline }: { outline: ArticleOutline }) {
  const present = SECTIONS.filter((s) => outline.sections.includes(s.component));
  const ordered = [...present.filter((s) => s.component === LEAD_SECTION), ...present.filter((s) => s.component !== LEAD_SECTION)];
  const items: TocItem[] = [
    ...ordered.map((s) => ({
      id: s.id,
      label: s.title,
      children:
        s.component === "Causes"
          ? outline.causes.map((c) => ({
              id: c.id,
              label: (
                <>
                  <span className="toc-cause-n">{c.n}</span> {c.title}
                </>
              ),
            }))
          : undefined,
    })),
    { id: "verification", label: "Versions and sources" },
    { id: "community-notes", label: "Community notes" },
  ];
  return (
    <nav className="toc" aria-label="On this page">
      <p className="toc-title">On this page</p>
      <TocLinks items={items} />
    </nav>
  );
}
