import { SECTIONS, type ArticleOutline } from "@/lib/content/article-structure";

/** "On this page": the sections the article has, with its causes under "Causes and fixes". */
export function TableOfContents({ outline }: { outline: ArticleOutline }) {
  const sections = SECTIONS.filter((s) => outline.sections.includes(s.component));
  return (
    <nav className="toc" aria-label="On this page">
      <p className="toc-title">On this page</p>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.title}</a>
            {s.component === "Causes" ? (
              <ol className="toc-causes">
                {outline.causes.map((c) => (
                  <li key={c.id}>
                    <a href={`#${c.id}`}>
                      <span className="toc-cause-n">{c.n}</span> {c.title}
                    </a>
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
        <li>
          <a href="#verification">Versions and sources</a>
        </li>
        <li>
          <a href="#community-notes">Community notes</a>
        </li>
      </ol>
    </nav>
  );
}
