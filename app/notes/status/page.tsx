import type { Metadata } from "next";
import { plural } from "@/components/notes/format";
import { findArticle } from "@/lib/notes/articles.server";
import { getStore } from "@/lib/notes/db";
import { errorMessage } from "@/lib/notes/messages";
import { workedSummaries } from "@/lib/notes/store";
import "@/components/notes/notes.css";

// Where a plain form lands after "worked for me" or deleting a note, and after a refusal that
// has no note page to go back to.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Community notes", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function StatusPage({ searchParams }: Props) {
  const params = await searchParams;
  const article = await findArticle(one(params.article) ?? "");
  const causeNumber = Number(one(params.cause));
  const cause = article?.causes.find((c) => c.n === causeNumber) ?? null;
  const done = one(params.done);
  const error = errorMessage(one(params.error), one(params.retry));
  let text: string | null = null;
  if (done === "deleted") text = "Your note is deleted.";
  if ((done === "worked" || done === "worked-again") && article && cause) {
    const summary = (await workedSummaries((await getStore()).db, article.slug)).find((s) => s.cause === cause.n);
    const count = summary?.count ?? 0;
    text = `${done === "worked" ? "Thanks: counted." : "You had already said so; your version is updated."} Cause ${cause.n}'s fix has worked for ${plural(count, "person", "people")}.`;
  }
  const back = article ? `/errors/${article.slug}${cause ? `#cause-${cause.n}` : "#community-notes"}` : "/";
  return (
    <main id="main" className="notes-page">
      <h1>Community notes</h1>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {text ? (
        <p className="notice" role="status">
          {text}
        </p>
      ) : null}
      <p>
        <a href={back}>{article ? `Back to “${article.title}”` : "All articles"}</a>
      </p>
    </main>
  );
}
