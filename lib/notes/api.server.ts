import type { ArticleCauses } from "./articles.server";
import type { Store } from "./db";
import { checkSameSite, clientKey, isHttps, newOwnerSecret, ownerCookieName, ownerKeyOf, readCookie } from "./guard.server";
import { failure, fail, isFailure, json, kindOf, readIncoming, seeOther, type Failure, type Kind } from "./http.server";
import { EDIT_WINDOW_MS, MAX_LINKS, type RateAction } from "./limits";
import { hitRateLimit } from "./rate-limit";
import { analyse, countLinks, renderNote } from "./render.server";
import { triage } from "./spam";
import * as notes from "./store";
import type { Note } from "./store";
import { editNoteInput, firstProblem, HONEYPOT, newNoteInput, ownerActionInput, previewInput, reportInput, voteInput, workedInput } from "./validate";
import type { z } from "zod";

// The notes API as plain functions from a Request to a Response: the route handlers under
// app/api/notes are one line each, and the tests call these with real Requests against both
// stores. Everything a handler needs from outside (the store, the clock, Next's revalidation,
// the article catalogue) comes in through ApiContext.

export type ApiContext = {
  store: () => Promise<Store>;
  now: () => number;
  /** marks an article page for regeneration on its next request (Next's revalidatePath) */
  revalidate: (path: string) => void;
  findArticle: (slug: string) => Promise<ArticleCauses | null>;
};

export const articlePage = (slug: string) => `/errors/${slug}`;

export type PublicNote = Omit<Note, "body" | "queueReason" | "reports"> & { url: string };

export function publicNote(note: Note): PublicNote {
  const { body: _body, queueReason: _q, reports: _r, ...rest } = note;
  return { ...rest, url: `/notes/${note.id}` };
}

function parse<T extends z.ZodType>(schema: T, fields: Record<string, unknown>): z.infer<T> | Failure {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0] ?? "request");
  return fail(400, `invalid-${field}`, firstProblem(result.error));
}

async function limited(store: Store, action: RateAction, client: string, now: number): Promise<Failure | null> {
  const rate = await hitRateLimit(store.db, action, client, now);
  if (rate.ok) return null;
  return fail(429, "rate", `too many requests: at most ${rate.limit} per ${rate.windowSeconds / 60} minutes from one address; try again in ${rate.retryAfterSeconds} s`, rate.retryAfterSeconds);
}

/** The fields a poster typed, carried back to the form after a refusal (when they fit in a URL). */
function formAgain(fields: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const key of ["article", "cause", "name", "platform", "runtime", "library", "body"]) {
    const value = fields[key];
    if (typeof value === "string" && value) query.set(key, value);
  }
  if (query.toString().length > 6000) query.delete("body");
  return `/notes/new?${query}`;
}

// ---------- reading ----------

export async function listNotes(request: Request, ctx: ApiContext): Promise<Response> {
  const slug = new URL(request.url).searchParams.get("article") ?? "";
  const article = await ctx.findArticle(slug);
  if (!article) return failure("json", fail(404, "article", `no article "${slug.slice(0, 80)}": pass ?article=<slug>, e.g. runpod-handler-timeout`), "/");
  const { db } = await ctx.store();
  const [published, worked] = await Promise.all([notes.listPublished(db, slug), notes.workedSummaries(db, slug)]);
  const { sortByScore } = await import("./score");
  const sorted = sortByScore(published.notes);
  const rendered = await Promise.all(sorted.map(async (n) => ({ ...publicNote(n), tree: await renderNote(n.body) })));
  return json(200, { article: slug, total: published.total, notes: rendered, worked });
}

export async function previewNote(request: Request, ctx: ApiContext): Promise<Response> {
  const now = ctx.now();
  const input = await readIncoming(request);
  if (isFailure(input)) return failure("json", input, "/");
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure("json", fail(refused.status, refused.code, refused.message), "/");
  const parsed = parse(previewInput, input.fields);
  if (isFailure(parsed)) return failure("json", parsed, "/");
  const store = await ctx.store();
  const over = await limited(store, "preview", await clientKey(store.db, request.headers), now);
  if (over) return failure("json", over, "/");
  const links = countLinks(parsed.body);
  return json(200, { tree: await renderNote(parsed.body), links, maxLinks: MAX_LINKS });
}

// ---------- posting ----------

type Checked = { article: ArticleCauses; cause: number | null };

async function checkTarget(ctx: ApiContext, slug: string, cause: number | null): Promise<Checked | Failure> {
  const article = await ctx.findArticle(slug);
  if (!article) return fail(404, "article", `no article "${slug}"`);
  if (cause !== null && !article.causes.some((c) => c.n === cause)) {
    return fail(400, "invalid-cause", `this article has causes 1 to ${article.causes.length}; cause ${cause} does not exist`);
  }
  return { article, cause };
}

function bodyChecks(fields: Record<string, unknown>, links: number): Failure | null {
  const trap = fields[HONEYPOT];
  if (typeof trap === "string" && trap !== "") return fail(400, "honeypot", "a field people leave empty was filled in; if you are a person, clear it and send again");
  if (links > MAX_LINKS) return fail(400, "links", `a note may hold at most ${MAX_LINKS} links (this one has ${links})`);
  return null;
}

export async function createNote(request: Request, ctx: ApiContext): Promise<Response> {
  const now = ctx.now();
  const kind = kindOf(request);
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kind, input, "/notes/new");
  const back = formAgain(input.fields);
  const refused = checkSameSite(request, now);
  if (refused) return failure(kind, fail(refused.status, refused.code, refused.message), back);
  const parsed = parse(newNoteInput, input.fields);
  if (isFailure(parsed)) return failure(kind, parsed, back);
  const target = await checkTarget(ctx, parsed.article, parsed.cause);
  if (isFailure(target)) return failure(kind, target, back);
  const analysis = analyse(parsed.body);
  const bad = bodyChecks(input.fields, analysis.links);
  if (bad) return failure(kind, bad, back);

  const store = await ctx.store();
  const client = await clientKey(store.db, request.headers);
  const over = await limited(store, "note", client, now);
  if (over) return failure(kind, over, back);
  const decision = triage({ analysis, name: parsed.name, hasApprovedBefore: await notes.hasApprovedNote(store.db, client) });
  const owner = newOwnerSecret();
  const created = await notes.createNote(
    store.db,
    {
      article: parsed.article,
      cause: parsed.cause,
      name: parsed.name,
      versions: { platform: parsed.platform, runtime: parsed.runtime, library: parsed.library },
      body: parsed.body,
      client,
      ownerKey: owner.key,
      status: decision.status,
      queueReason: decision.reason,
    },
    now,
  );
  if (!created.ok) return failure(kind, fail(409, "duplicate", "a note with the same text is already here: vote for it instead, or say what is different"), back);
  if (created.note.status === "approved") ctx.revalidate(articlePage(parsed.article));
  const cookie = { name: ownerCookieName(created.note.id), value: owner.secret, maxAge: EDIT_WINDOW_MS / 1000, secure: isHttps(request) };
  if (kind === "form") return seeOther(`/notes/${created.note.id}?done=posted`, [cookie]);
  return json(201, { note: publicNote(created.note), editableUntil: now + EDIT_WINDOW_MS }, [cookie]);
}

// ---------- the poster's edits ----------

const OWNER_REFUSALS: Record<notes.OwnerRefusal | "duplicate", Failure> = {
  "not-found": fail(404, "not-found", "no such note (it may have been deleted)"),
  "not-owner": fail(403, "not-owner", "only the person who posted a note can change it, from the browser they posted it with"),
  "window-closed": fail(403, "window-closed", `a note can be edited or deleted for ${EDIT_WINDOW_MS / 60_000} minutes after it is posted; this one is fixed now (report it if it is wrong)`),
  rejected: fail(403, "rejected", "a moderator rejected this note; it can no longer be edited"),
  duplicate: fail(409, "duplicate", "another note already has this text"),
};

/** POST (a form with intent=edit|delete), PATCH (JSON edit) or DELETE on /api/notes/:id. */
export async function ownerAction(request: Request, ctx: ApiContext, id: string, method: "POST" | "PATCH" | "DELETE"): Promise<Response> {
  const now = ctx.now();
  const page = `/notes/${encodeURIComponent(id)}`;
  let intent: "edit" | "delete" = method === "DELETE" ? "delete" : "edit";
  let fields: Record<string, unknown> = {};
  const kind: Kind = kindOf(request);
  if (method !== "DELETE" || request.headers.get("content-type")) {
    const input = await readIncoming(request);
    if (isFailure(input)) return failure(kind, input, page);
    fields = input.fields;
    if (method === "POST") {
      const parsedIntent = parse(ownerActionInput, fields);
      if (isFailure(parsedIntent)) return failure(kind, parsedIntent, page);
      intent = parsedIntent.intent;
    }
  }
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(kind, fail(refused.status, refused.code, refused.message), page);
  const store = await ctx.store();
  const client = await clientKey(store.db, request.headers);
  const over = await limited(store, "edit", client, now);
  if (over) return failure(kind, over, page);
  const secret = readCookie(request, ownerCookieName(id));
  const ownerKey = secret ? ownerKeyOf(secret) : null;

  if (intent === "delete") {
    const deleted = await notes.deleteOwnNote(store.db, id, ownerKey, now);
    if (!deleted.ok) return failure(kind, OWNER_REFUSALS[deleted.reason], page);
    ctx.revalidate(articlePage(deleted.article));
    const gone = { name: ownerCookieName(id), value: "", maxAge: 0, secure: isHttps(request) };
    if (kind === "form") return seeOther(`/notes/status?done=deleted&article=${encodeURIComponent(deleted.article)}`, [gone]);
    return json(200, { deleted: id }, [gone]);
  }

  const parsed = parse(editNoteInput, fields);
  if (isFailure(parsed)) return failure(kind, parsed, page);
  const analysis = analyse(parsed.body);
  const bad = bodyChecks(fields, analysis.links);
  if (bad) return failure(kind, bad, page);
  const decision = triage({ analysis, name: parsed.name, hasApprovedBefore: await notes.hasApprovedNote(store.db, client) });
  const edited = await notes.editOwnNote(
    store.db,
    id,
    ownerKey,
    { name: parsed.name, versions: { platform: parsed.platform, runtime: parsed.runtime, library: parsed.library }, body: parsed.body, status: decision.status, queueReason: decision.reason },
    now,
  );
  if (!edited.ok) return failure(kind, OWNER_REFUSALS[edited.reason], page);
  ctx.revalidate(articlePage(edited.note.article));
  if (kind === "form") return seeOther(`${page}?done=edited`);
  return json(200, { note: publicNote(edited.note) });
}

// ---------- readers: votes, reports, "worked for me" ----------

export async function voteNote(request: Request, ctx: ApiContext, id: string): Promise<Response> {
  const now = ctx.now();
  const page = `/notes/${encodeURIComponent(id)}`;
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kindOf(request), input, page);
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(input.kind, fail(refused.status, refused.code, refused.message), page);
  const parsed = parse(voteInput, input.fields);
  if (isFailure(parsed)) return failure(input.kind, parsed, page);
  const store = await ctx.store();
  const client = await clientKey(store.db, request.headers);
  const over = await limited(store, "vote", client, now);
  if (over) return failure(input.kind, over, page);
  const result = await notes.vote(store.db, id, client, parsed.value, now);
  if (!result.ok) return failure(input.kind, fail(404, "not-found", "no published note with this id"), page);
  if (input.kind === "form") return seeOther(`${page}?done=voted`);
  return json(200, { up: result.up, down: result.down, changed: result.changed });
}

export async function reportNote(request: Request, ctx: ApiContext, id: string): Promise<Response> {
  const now = ctx.now();
  const page = `/notes/${encodeURIComponent(id)}`;
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kindOf(request), input, page);
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(input.kind, fail(refused.status, refused.code, refused.message), page);
  const parsed = parse(reportInput, input.fields);
  if (isFailure(parsed)) return failure(input.kind, parsed, page);
  const store = await ctx.store();
  const client = await clientKey(store.db, request.headers);
  const over = await limited(store, "report", client, now);
  if (over) return failure(input.kind, over, page);
  const result = await notes.report(store.db, id, client, parsed.reason, parsed.detail, now);
  if (!result.ok) return failure(input.kind, fail(404, "not-found", "no published note with this id"), page);
  if (result.hidden) {
    const note = await notes.getNote(store.db, id);
    if (note) ctx.revalidate(articlePage(note.article));
  }
  if (input.kind === "form") return seeOther(`${page}?done=reported`);
  return json(200, { counted: result.counted, hidden: result.hidden });
}

export async function markWorked(request: Request, ctx: ApiContext): Promise<Response> {
  const now = ctx.now();
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kindOf(request), input, "/notes/status");
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(input.kind, fail(refused.status, refused.code, refused.message), "/notes/status");
  const parsed = parse(workedInput, input.fields);
  if (isFailure(parsed)) return failure(input.kind, parsed, "/notes/status");
  const target = await checkTarget(ctx, parsed.article, parsed.cause);
  const page = `/notes/status?article=${encodeURIComponent(parsed.article)}&cause=${parsed.cause}`;
  if (isFailure(target)) return failure(input.kind, target, page);
  const store = await ctx.store();
  const client = await clientKey(store.db, request.headers);
  const over = await limited(store, "worked", client, now);
  if (over) return failure(input.kind, over, page);
  const { counted } = await notes.markWorked(store.db, { article: parsed.article, cause: parsed.cause, version: parsed.version, client }, now);
  const summary = (await notes.workedSummaries(store.db, parsed.article)).find((s) => s.cause === parsed.cause) ?? { cause: parsed.cause, count: 0, versions: [] };
  if (input.kind === "form") return seeOther(`${page}&done=${counted ? "worked" : "worked-again"}`);
  return json(counted ? 201 : 200, { counted, summary });
}
