import { afterEach, beforeEach, expect, test } from "vitest";
import { adminLogin, adminModerate } from "./admin-api.server";
import * as api from "./api.server";
import type { ArticleCauses } from "./articles.server";
import { FORM_COOKIE } from "./form-cookie";
import { EDIT_WINDOW_MS, MAX_REQUEST_BYTES, RATE_LIMITS } from "./limits";
import { auditLog, countNotes, getNote, moderationQueue } from "./store";
import { describeEachStore } from "./test/stores";

const ARTICLE: ArticleCauses = {
  slug: "runpod-handler-timeout",
  title: "RunPod serverless job exceeded its execution timeout",
  causes: [1, 2, 3, 4].map((n) => ({ n, title: `Cause ${n}` })),
};
const ORIGIN = "http://localhost:3000";
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

type Options = { type?: string; origin?: string | null; cookie?: string | null; ip?: string; headers?: Record<string, string>; method?: string };

describeEachStore("notes API", (current) => {
  let now = T0;
  let revalidated: string[] = [];
  let ip = 0;
  const ctx: api.ApiContext = {
    store: async () => current(),
    now: () => now,
    revalidate: (path) => revalidated.push(path),
    findArticle: async (slug) => (slug === ARTICLE.slug ? ARTICLE : null),
  };
  /** A fresh client address per test, so rate limits of one test do not leak into the next. */
  let client = "";
  beforeEach(() => {
    now += 60 * 60_000;
    revalidated = [];
    client = `198.51.100.${(ip += 1)}`;
  });

  function request(path: string, body: unknown, { type = "application/json", origin = ORIGIN, cookie, ip: from, headers = {}, method = "POST" }: Options = {}): Request {
    const h = new Headers(headers);
    if (type) h.set("content-type", type);
    if (origin) h.set("origin", origin);
    const formCookie = cookie === undefined ? `${FORM_COOKIE}=${now - 10_000}.${"a".repeat(24)}` : cookie;
    if (formCookie) h.set("cookie", formCookie);
    h.set("x-forwarded-for", from ?? client);
    const text = typeof body === "string" ? body : type === "application/x-www-form-urlencoded" ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    return new Request(`${ORIGIN}${path}`, { method, headers: h, body: method === "GET" || body === null ? undefined : text });
  }

  const note = (over: Record<string, unknown> = {}) => ({
    article: ARTICLE.slug,
    cause: "2",
    name: "Ada",
    platform: "RunPod",
    runtime: "Python 3.12",
    library: "runpod-python 1.12.0",
    body: `The idle timeout was the culprit here, raised it to 30 s (${Math.random()}).`,
    ...over,
  });
  const ownerCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("dl_note_"))!.split(";")[0]!;

  test("a JSON post is stored, published, acknowledged with 201, and its page revalidated", async () => {
    const before = await countNotes(current().db);
    const response = await api.createNote(request("/api/notes", note()), ctx);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { note: api.PublicNote; editableUntil: number };
    expect(body.note).toMatchObject({ article: ARTICLE.slug, cause: 2, status: "approved", versions: { library: "runpod-python 1.12.0" } });
    expect(body).not.toHaveProperty("note.body");
    expect(body.editableUntil).toBe(now + EDIT_WINDOW_MS);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`dl_note_${body.note.id}=`));
    expect(setCookie).toMatch(/; Path=\/; Max-Age=900; HttpOnly; SameSite=Strict$/);
    expect(revalidated).toEqual([`/errors/${ARTICLE.slug}`]);
    expect(await countNotes(current().db)).toBe(before + 1);
    const list = (await (await api.listNotes(request(`/api/notes?article=${ARTICLE.slug}`, null, { method: "GET" }), ctx)).json()) as { notes: { id: string }[] };
    expect(list.notes.map((n) => n.id)).toContain(body.note.id);
  });

  test("a plain form post is answered with a 303 to the note's page", async () => {
    const response = await api.createNote(request("/api/notes", note(), { type: "application/x-www-form-urlencoded" }), ctx);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/notes\/[\w-]{12}\?done=posted$/);
    expect(response.headers.getSetCookie()[0]).toContain("HttpOnly; SameSite=Strict");
  });

  test("a link from a first-time poster waits in the queue; the page is not revalidated", async () => {
    const response = await api.createNote(request("/api/notes", note({ body: "The fix is described in https://github.com/runpod/runpod-python/issues/25 well." })), ctx);
    expect(response.status).toBe(201);
    const { note: posted } = (await response.json()) as { note: api.PublicNote };
    expect(posted.status).toBe("pending");
    expect(revalidated).toEqual([]);
    expect((await moderationQueue(current().db)).pending.find((n) => n.id === posted.id)?.queueReason).toBe("a link from a first-time poster");
  });

  const refusals: [string, () => Request, number, string, RegExp][] = [
    ["a body under 20 characters", () => request("/api/notes", note({ body: "too short" })), 400, "invalid-body", /at least 20 characters \(it has 9\)/],
    ["a body over 4000 characters", () => request("/api/notes", note({ body: "x ".repeat(2001) + "tail" })), 400, "invalid-body", /at most 4000 characters/],
    ["a name over 60 characters", () => request("/api/notes", note({ name: "n".repeat(61) })), 400, "invalid-name", /name is at most 60 characters/],
    ["three links", () => request("/api/notes", note({ body: "see https://a.example and https://b.example and https://c.example" })), 400, "links", /at most 2 links \(this one has 3\)/],
    ["a filled honeypot", () => request("/api/notes", note({ website: "http://spam.example" })), 400, "honeypot", /field people leave empty/],
    ["a cause the article does not have", () => request("/api/notes", note({ cause: "9" })), 400, "invalid-cause", /causes 1 to 4/],
    ["an unknown article", () => request("/api/notes", note({ article: "no-such-article" })), 404, "article", /no article/],
    ["invalid JSON", () => request("/api/notes", "{not json"), 400, "json", /not valid JSON/],
    ["a JSON array", () => request("/api/notes", "[]"), 400, "json", /JSON object/],
    ["text/plain", () => request("/api/notes", "body=x", { type: "text/plain" }), 415, "media-type", /application\/json, not text\/plain/],
    ["multipart", () => request("/api/notes", "--x", { type: "multipart/form-data; boundary=x" }), 415, "media-type", /not multipart\/form-data/],
    ["a body over 64 KiB", () => request("/api/notes", note({ body: "y".repeat(MAX_REQUEST_BYTES) })), 413, "too-large", /larger than 65536 bytes/],
    ["another origin", () => request("/api/notes", note(), { origin: "https://evil.example" }), 403, "origin", /did not come from a page of this site/],
    ["no Origin and no Sec-Fetch-Site", () => request("/api/notes", note(), { origin: null }), 403, "origin", /Origin mismatch/],
    ["no same-site form token", () => request("/api/notes", note(), { cookie: null }), 403, "form-token", /same-site token is missing/],
    ["a form submitted 1 s after the page was shown", () => request("/api/notes", note(), { cookie: `${FORM_COOKIE}=${now - 1000}.${"b".repeat(24)}` }), 400, "too-fast", /sent 1000 ms after the page was shown/],
    ["a form token a day old", () => request("/api/notes", note(), { cookie: `${FORM_COOKIE}=${now - 25 * 3600_000}.${"c".repeat(24)}` }), 403, "form-token", /expired/],
  ];
  for (const [what, make, status, code, message] of refusals) {
    test(`refused, and nothing written: ${what}`, async () => {
      const before = await countNotes(current().db);
      const response = await api.createNote(make(), ctx);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as { error: string; code: string };
      expect(body.code).toBe(code);
      expect(body.error).toMatch(message);
      expect(await countNotes(current().db)).toBe(before);
    });
  }

  test("a same-origin request without Origin passes on Sec-Fetch-Site; a forwarded Host is this site too", async () => {
    expect((await api.createNote(request("/api/notes", note(), { origin: null, headers: { "sec-fetch-site": "same-origin" } }), ctx)).status).toBe(201);
    expect((await api.createNote(request("/api/notes", note(), { origin: "https://deadline.example", headers: { "x-forwarded-host": "deadline.example" } }), ctx)).status).toBe(201);
    expect((await api.createNote(request("/api/notes", note(), { origin: null, headers: { "sec-fetch-site": "cross-site" } }), ctx)).status).toBe(403);
  });

  test("a refused form post goes back to the form with the error and what was typed", async () => {
    const response = await api.createNote(request("/api/notes", note({ body: "short one" }), { type: "application/x-www-form-urlencoded" }), ctx);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!, ORIGIN);
    expect(location.pathname).toBe("/notes/new");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ error: "invalid-body", article: ARTICLE.slug, cause: "2", body: "short one", name: "Ada" });
  });

  test("the same body twice is a 409", async () => {
    const body = note();
    expect((await api.createNote(request("/api/notes", body), ctx)).status).toBe(201);
    const again = await api.createNote(request("/api/notes", { ...body, body: body.body.toUpperCase() }), ctx);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("duplicate");
  });

  test("the sixth note in ten minutes from one address is a 429 with Retry-After; another address may post", async () => {
    for (let i = 0; i < RATE_LIMITS.note.limit; i++) expect((await api.createNote(request("/api/notes", note()), ctx)).status).toBe(201);
    const refused = await api.createNote(request("/api/notes", note()), ctx);
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    expect(await refused.json()).toMatchObject({ code: "rate", retryAfter: retry });
    expect((await api.createNote(request("/api/notes", note(), { ip: "203.0.113.99" }), ctx)).status).toBe(201);
  });

  test("behind a load balancer the client is the address it appended, not what the client claimed", async () => {
    for (let i = 0; i < RATE_LIMITS.note.limit; i++) {
      const spoofed = `10.9.9.${i}, ${client}`;
      expect((await api.createNote(request("/api/notes", note(), { ip: spoofed }), ctx)).status).toBe(201);
    }
    expect((await api.createNote(request("/api/notes", note(), { ip: `10.9.9.200, ${client}` }), ctx)).status).toBe(429);
  });

  test("the poster edits and deletes with the cookie, for 15 minutes, and nobody else can", async () => {
    const posted = await api.createNote(request("/api/notes", note()), ctx);
    const { note: created } = (await posted.json()) as { note: api.PublicNote };
    const mine = ownerCookie(posted);
    const withCookie = (extra: string) => `${FORM_COOKIE}=${now - 10_000}.${"a".repeat(24)}; ${extra}`;
    const edit = note({ body: "Edited after testing: the idle timeout of 30 s was enough." });

    const stranger = await api.ownerAction(request(`/api/notes/${created.id}`, edit, { method: "PATCH" }), ctx, created.id, "PATCH");
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { code: string }).code).toBe("not-owner");

    const edited = await api.ownerAction(request(`/api/notes/${created.id}`, edit, { method: "PATCH", cookie: withCookie(mine) }), ctx, created.id, "PATCH");
    expect(edited.status).toBe(200);
    expect((await getNote(current().db, created.id))?.body).toBe(edit.body);

    now += EDIT_WINDOW_MS + 1000;
    const late = await api.ownerAction(request(`/api/notes/${created.id}`, { intent: "edit", ...edit, body: `${edit.body} Again.` }, { cookie: withCookie(mine) }), ctx, created.id, "POST");
    expect(late.status).toBe(403);
    expect(((await late.json()) as { error: string }).error).toMatch(/for 15 minutes after it is posted/);
    const lateDelete = await api.ownerAction(request(`/api/notes/${created.id}`, null, { method: "DELETE", type: "", cookie: withCookie(mine) }), ctx, created.id, "DELETE");
    expect(lateDelete.status).toBe(403);
    expect((await getNote(current().db, created.id))?.body).toBe(edit.body);

    const second = await api.createNote(request("/api/notes", note()), ctx);
    const { note: other } = (await second.json()) as { note: api.PublicNote };
    const form = await api.ownerAction(request(`/api/notes/${other.id}`, { intent: "delete" }, { type: "application/x-www-form-urlencoded", cookie: withCookie(ownerCookie(second)) }), ctx, other.id, "POST");
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/notes/status?done=deleted&article=${ARTICLE.slug}`);
    expect(form.headers.getSetCookie()[0]).toMatch(new RegExp(`^dl_note_${other.id}=; Path=/; Max-Age=0`));
    expect(await getNote(current().db, other.id)).toBeNull();
  });

  test("votes: JSON answers the counts, a form answers with a 303", async () => {
    const { note: posted } = (await (await api.createNote(request("/api/notes", note()), ctx)).json()) as { note: api.PublicNote };
    const up = await api.voteNote(request(`/api/notes/${posted.id}/vote`, { value: "up" }), ctx, posted.id);
    expect(await up.json()).toEqual({ up: 1, down: 0, changed: true });
    const down = await api.voteNote(request(`/api/notes/${posted.id}/vote`, { value: "down" }, { type: "application/x-www-form-urlencoded", ip: "192.0.2.7" }), ctx, posted.id);
    expect(down.status).toBe(303);
    expect(down.headers.get("location")).toBe(`/notes/${posted.id}?done=voted`);
    expect(await getNote(current().db, posted.id)).toMatchObject({ up: 1, down: 1 });
    expect((await api.voteNote(request(`/api/notes/${posted.id}/vote`, { value: "sideways" }), ctx, posted.id)).status).toBe(400);
    expect((await api.voteNote(request("/api/notes/nope/vote", { value: "up" }), ctx, "nope")).status).toBe(404);
  });

  test("three readers' reports hide a note and revalidate its page", async () => {
    const { note: posted } = (await (await api.createNote(request("/api/notes", note()), ctx)).json()) as { note: api.PublicNote };
    revalidated = [];
    for (const [i, from] of ["192.0.2.21", "192.0.2.22", "192.0.2.23"].entries()) {
      const response = await api.reportNote(request(`/api/notes/${posted.id}/report`, { reason: "wrong", detail: "did not help on 1.13" }, { ip: from }), ctx, posted.id);
      expect(await response.json()).toEqual({ counted: true, hidden: i === 2 });
    }
    expect(revalidated).toEqual([`/errors/${ARTICLE.slug}`]);
    expect((await api.reportNote(request(`/api/notes/${posted.id}/report`, { reason: "because" }), ctx, posted.id)).status).toBe(400);
  });

  test("'worked for me' is counted once per reader, with its version", async () => {
    const first = await api.markWorked(request("/api/notes/worked", { article: ARTICLE.slug, cause: 3, version: "runpod-python 1.12.0" }), ctx);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ counted: true, summary: { cause: 3, count: 1, versions: [{ version: "runpod-python 1.12.0", count: 1, lastAt: now }] } });
    const again = await api.markWorked(request("/api/notes/worked", { article: ARTICLE.slug, cause: 3, version: "" }), ctx);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { counted: boolean }).counted).toBe(false);
    const form = await api.markWorked(request("/api/notes/worked", { article: ARTICLE.slug, cause: "1" }, { type: "application/x-www-form-urlencoded", ip: "192.0.2.40" }), ctx);
    expect(form.headers.get("location")).toBe(`/notes/status?article=${ARTICLE.slug}&cause=1&done=worked`);
    expect((await api.markWorked(request("/api/notes/worked", { article: ARTICLE.slug, cause: 7 }), ctx)).status).toBe(400);
  });

  test("preview renders through the same pipeline and counts links", async () => {
    const response = await api.previewNote(request("/api/notes/preview", { body: "**bold** <script>alert(1)</script> https://a.example" }), ctx);
    const body = (await response.json()) as { tree: unknown; links: number };
    expect(body.links).toBe(1);
    expect(JSON.stringify(body.tree)).toContain('"tagName":"strong"');
    expect(JSON.stringify(body.tree)).not.toContain('"tagName":"script"');
    expect((await api.previewNote(request("/api/notes/preview", { body: "x" }, { origin: "https://evil.example" }), ctx)).status).toBe(403);
  });

  test("/admin's API: no token means no admin; a wrong token is refused; a session moderates, in the audit log", async () => {
    delete process.env.DEADLINE_ADMIN_TOKEN;
    expect((await adminLogin(request("/api/admin/session", { token: "anything-at-all-here" }), ctx)).status).toBe(404);
    process.env.DEADLINE_ADMIN_TOKEN = "correct-horse-battery-staple";
    expect((await adminLogin(request("/api/admin/session", { token: "correct-horse-battery-stapl" }), ctx)).status).toBe(403);
    const login = await adminLogin(request("/api/admin/session", { token: "correct-horse-battery-staple" }), ctx);
    expect(login.status).toBe(200);
    const session = login.headers.getSetCookie()[0]!;
    expect(session).toMatch(/^dl_admin=\d{13}\.[\w-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    const posted = await api.createNote(request("/api/notes", note({ body: "Waits for review: https://docs.runpod.io/serverless/endpoints/job-states" }), { ip: "192.0.2.77" }), ctx);
    const { note: pending } = (await posted.json()) as { note: api.PublicNote };
    const cookies = `${FORM_COOKIE}=${now - 10_000}.${"a".repeat(24)}; ${session.split(";")[0]}`;
    expect((await adminModerate(request(`/api/admin/notes/${pending.id}`, { action: "approve" }), ctx, pending.id)).status).toBe(403);
    const approved = await adminModerate(request(`/api/admin/notes/${pending.id}`, { action: "approve" }, { cookie: cookies }), ctx, pending.id);
    expect(approved.status).toBe(200);
    expect((await getNote(current().db, pending.id))?.status).toBe("approved");
    expect(revalidated).toContain(`/errors/${ARTICLE.slug}`);
    expect((await auditLog(current().db)).find((e) => e.noteId === pending.id && e.action === "approve")?.actor).toMatch(/^admin:[0-9a-f]{8}$/);
    expect((await adminModerate(request(`/api/admin/notes/${pending.id}`, { action: "approve" }, { cookie: cookies, origin: "https://evil.example" }), ctx, pending.id)).status).toBe(403);
  });

  test("guessing the admin token is rate limited", async () => {
    process.env.DEADLINE_ADMIN_TOKEN = "correct-horse-battery-staple";
    for (let i = 0; i < RATE_LIMITS.admin.limit; i++) expect((await adminLogin(request("/api/admin/session", { token: `guess-number-${i}-xxxxxx` }), ctx)).status).toBe(403);
    expect((await adminLogin(request("/api/admin/session", { token: "correct-horse-battery-staple" }), ctx)).status).toBe(429);
  });

  afterEach(() => {
    delete process.env.DEADLINE_ADMIN_TOKEN;
  });
});
