import type { Metadata } from "next";
import { NoteBody } from "@/components/notes/note-body";
import { NoteForm, type NoteFormValues } from "@/components/notes/note-form.client";
import { findArticle } from "@/lib/notes/articles.server";
import { MAX_LINKS } from "@/lib/notes/limits";
import { errorMessage } from "@/lib/notes/messages";
import { countLinks, renderNote } from "@/lib/notes/render.server";
import "@/components/notes/notes.css";

// The note form on a page of its own: where Preview lands without JavaScript, where a refused
// post comes back to (with what was typed), and where "Add a note about this cause" leads.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add a community note", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewNotePage({ searchParams }: Props) {
  const params = await searchParams;
  const article = await findArticle(one(params.article) ?? "");
  if (!article) {
    return (
      <main id="main" className="notes-page">
        <h1>Add a community note</h1>
        <p className="notice notice-error">Notes belong to an article: open the article you want to add to and use the form at its end.</p>
        <p>
          <a href="/">All articles</a>
        </p>
      </main>
    );
  }
  const values: NoteFormValues = {};
  for (const key of ["cause", "name", "platform", "runtime", "library", "body"] as const) {
    const v = one(params[key]);
    if (v) values[key] = v;
  }
  const error = errorMessage(one(params.error), one(params.retry));
  const body = values.body?.trim() ?? "";
  const preview = body ? await renderNote(body) : null;
  const links = body ? countLinks(body) : 0;
  return (
    <main id="main" className="notes-page">
      <p>
        <a href={`/errors/${article.slug}#community-notes`}>← {article.title}</a>
      </p>
      <h1>Add a community note</h1>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview && !error ? (
        <section className="note-preview" aria-label="Preview of your note">
          <p className="note-preview-label">Preview{links > MAX_LINKS ? `: ${links} links, at most ${MAX_LINKS} are allowed` : ""}</p>
          <NoteBody tree={preview} />
        </section>
      ) : null}
      <h2 id="note-form-title">{preview ? "Change it, or post it" : "Your note"}</h2>
      <NoteForm article={article.slug} causes={article.causes} values={values} />
    </main>
  );
}
