import type { Frontmatter } from "@/lib/content/schema";
import { formatMonth } from "@/lib/site";

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/** Versions tested, the official source that verifies the article, and the threads it draws on. */
export function Verification({ frontmatter }: { frontmatter: Frontmatter }) {
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
      <ul className="references">
        {frontmatter.references.map((ref) => (
          <li key={ref.url}>
            <a href={ref.url} rel="noopener noreferrer" className="external">
              {ref.title}
            </a>{" "}
            <span className="ref-host">{hostOf(ref.url)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
