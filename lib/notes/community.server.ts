import { getStore } from "./db";
import { renderNote } from "./render.server";
import { isFaded, sortByScore } from "./score";
import { listPublished, workedSummaries, type Note, type WorkedSummary } from "./store";
import type { NoteTree } from "./tree";

// What an article page shows of its community: published notes, best first, each rendered, and
// the "worked for me" counts per cause. Read while the page is (re)generated.

export type NoteView = Omit<Note, "body" | "queueReason" | "client"> & { tree: NoteTree; faded: boolean };

/** `total` counts every published note; `notes` holds the best PUBLISHED_MAX of them. */
export type Community = { slug: string; notes: NoteView[]; total: number; worked: WorkedSummary[] };

export async function toView(note: Note): Promise<NoteView> {
  const { body, queueReason: _q, ...rest } = note;
  return { ...rest, tree: await renderNote(body), faded: isFaded(note) };
}

export async function loadCommunity(slug: string): Promise<Community> {
  const { db } = await getStore();
  const [published, worked] = await Promise.all([listPublished(db, slug), workedSummaries(db, slug)]);
  return { slug, notes: await Promise.all(sortByScore(published.notes).map(toView)), total: published.total, worked };
}
