import type { Frontmatter, Reference } from "@/lib/content/schema";
import { formatMonth } from "@/lib/site";
import { Breakable } from "../breakable";

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/** The hosts of some references, most frequent first, for the folded list's summary. */
function hosts(refs: Reference[]): string {
  const counts = new Map<string, number>();
  for (const ref of refs) counts.set(hostOf(ref.url), (counts.get(hostOf(ref.url)) ?? 0) + 1);
  const names = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([host]) => host);
  return names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
}

/** References shown before the rest fold away. */
export const REFERENCES_SHOWN = 5;

function ReferenceItem({ reference }: { reference: Reference }) {
  return (
    <li>
      <a href={reference.url} rel="noopener noreferrer" className="external">
        <Breakable text={reference.title} />
      </a>{" "}
      <span className="ref-host">{hostOf(reference.url)}</span>
    </li>
  );
}

/** Versions tested, the official source that verifies the article, and the threads it draws on. */
export function Verification({ frontmatter }: { frontmatter: Frontmatter }) {
  // Folding one or two links saves nothing; fold only when it hides at least three.
  const all = frontmatter.references;
  const cut = all.length - REFERENCES_SHOWN >= 3 ? REFERENCES_SHOWN : all.length;
  const shown = all.slice(0, cut);
  const folded = all.slice(cut);
  return (
    <section id="verification" aria-labelledby="verification-title" className="article-section verification">
      <h2 id="verification-title">
        <a href="#verification" className="heading-anchor">
          Versions and sources
        </a>
      </h2>
      <dl className="facts">
        <div>
          <dt>Tested on</dt>
          <dd id="versions">{frontmatter.versions}</dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd>
            <a href={frontmatter.verify} rel="noopener noreferrer" className="external">
              Verified {formatMonth(frontmatter.verified)} against {hostOf(frontmatter.verify)}
            </a>
          </dd>
        </div>
        {frontmatter.simulate === false ? (
          <div>
            <dt>Simulation</dt>
            <dd>Not simulated: {frontmatter.simulateReason}</dd>
          </div>
        ) : null}
      </dl>
      <h3 id="references">References</h3>
      {/* A long list folds into <details>: it opens without JavaScript, and find-in-page opens it. */}
      <ul className="references">
        {shown.map((ref) => (
          <ReferenceItem key={ref.url} reference={ref} />
        ))}
      </ul>
      {folded.length > 0 ? (
        <details className="references-more">
          <summary>
            {folded.length} more references <span className="references-hosts">({hosts(folded)})</span>
          </summary>
          <ul className="references">
            {folded.map((ref) => (
              <ReferenceItem key={ref.url} reference={ref} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
