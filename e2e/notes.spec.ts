import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { openStore, type Store } from "../lib/notes/db";
import { createNote } from "../lib/notes/store";
import { expect, test as base } from "./fixtures";
import { E2E_ADMIN_TOKEN, E2E_DB } from "./notes-env";

// Community notes, as a reader and a moderator would use them, with JavaScript and without.
// Every journey is its own client (its own X-Forwarded-For), as readers behind a load balancer
// are, so rate limits and "first-time poster" apply per journey.

const ARTICLE = "/errors/runpod-handler-timeout";
// People take more than 3 s to write a note; the server refuses faster forms (MIN_FILL_MS).
const READING_TIME = 3_200;

export const test = base.extend<{ client: string }>({
  // An address from the IPv6 documentation prefix, one /64 per journey.
  client: async ({}, use) => use(`2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}::1`),
  extraHTTPHeaders: async ({ client }, use) => use({ "x-forwarded-for": client }),
});

const unique = (text: string) => `${text} (run ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)})`;

async function noJs(browser: Browser, baseURL: string | undefined, client: string) {
  return browser.newContext({ javaScriptEnabled: false, baseURL, extraHTTPHeaders: { "x-forwarded-for": client } });
}

async function fillNote(page: Page, { cause, body, name = "E2E Reader" }: { cause?: string; body: string; name?: string }) {
  const form = page.locator("#note-form");
  if (cause) await form.getByLabel("About").selectOption(cause);
  await form.getByLabel("Your name (optional)").fill(name);
  await form.getByLabel("Runtime").fill("Python 3.12");
  await form.getByLabel("Library").fill("runpod-python 1.12.0");
  await form.getByRole("textbox", { name: "Your note" }).fill(body);
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ file: E2E_DB });
  try {
    return await fn(store);
  } finally {
    await store.db.destroy();
  }
}

async function signIn(page: Page) {
  await page.goto("/admin");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Waiting for review/ })).toBeVisible();
}

test("a note posted without JavaScript lands on its page and is in the article's HTML, under its cause", async ({ browser, baseURL, client, request }) => {
  const context = await noJs(browser, baseURL, client);
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const body = unique("Without JavaScript: moving the model load out of the handler fixed the cold start.");
  await fillNote(page, { cause: "2", body });
  await page.waitForTimeout(READING_TIME);
  await page.locator("#note-form").getByRole("button", { name: "Post note" }).click();
  await expect(page).toHaveURL(/\/notes\/[\w-]{12}\?done=posted$/);
  await expect(page.locator("main .notice")).toContainText("your note is posted");
  await expect(page.getByRole("heading", { name: "Edit or delete" })).toBeVisible();
  // The served HTML of the static article now holds it, under cause 2.
  const html = await (await request.get(ARTICLE)).text();
  expect(html).toContain(body.replace(/'/g, "&#x27;"));
  await page.goto(ARTICLE);
  const note = page.locator(`section.cause[data-cause="2"] .note`).filter({ hasText: body });
  await expect(note).toBeVisible();
  await expect(note.getByRole("list", { name: "Applies to" })).toContainText("runpod-python 1.12.0");
  await context.close();
});

test("with JavaScript: preview, then post without leaving the page", async ({ page }) => {
  await page.goto(ARTICLE);
  const body = unique("With **preview**: set `executionTimeout` in the endpoint.\n\n```python\nrunpod.serverless.start({'handler': handler})\n```");
  await fillNote(page, { body });
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview of your note" });
  await expect(preview.locator("strong")).toHaveText("preview");
  await expect(preview.locator("pre.shiki")).toContainText("runpod.serverless.start");
  await expect(page).toHaveURL(ARTICLE);
  await page.waitForTimeout(READING_TIME);
  await page.locator("#note-form").getByRole("button", { name: "Post note" }).click();
  await expect(page.locator("#note-form").getByRole("status")).toContainText("your note is posted");
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.locator("#note-form").getByRole("textbox", { name: "Your note" })).toHaveValue("");
});

test("preview without JavaScript shows the rendered note and the form again", async ({ browser, baseURL, client }) => {
  const context = await noJs(browser, baseURL, client);
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await fillNote(page, { cause: "3", body: "Preview **without** scripts, and <b>raw HTML</b> shown as text." });
  await page.locator("#note-form").getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/\/notes\/new\?/);
  const preview = page.getByRole("region", { name: "Preview of your note" });
  await expect(preview.locator("strong")).toHaveText("without");
  await expect(preview).toContainText("<b>raw HTML</b> shown as text");
  await expect(page.locator("#note-form").getByLabel("About")).toHaveValue("3");
  await expect(page.locator("#note-form").getByRole("textbox", { name: "Your note" })).toHaveValue(/Preview \*\*without\*\*/);
  await context.close();
});

test("readers vote on a note and say a fix worked for them", async ({ page }) => {
  const note = await withStore(async ({ db }) => {
    const r = await createNote(
      db,
      { article: "runpod-handler-timeout", cause: 1, name: "Voter target", versions: { platform: null, runtime: null, library: null }, body: unique("A note to vote on, about the handler's timeout."), client: "seed", ownerKey: "ab".repeat(32), status: "approved", queueReason: null },
      Date.now(),
    );
    if (!r.ok) throw new Error("seed");
    return r.note;
  });
  // Seeded straight into the store: the note's own page is dynamic and shows it at once.
  await page.goto(`/notes/${note.id}`);
  await page.getByRole("button", { name: /Vote the note by Voter target up/ }).click();
  await expect(page.getByRole("button", { name: /Helpful: 1\./ })).toBeVisible();
  await expect(page.locator(".vote-form").getByRole("status")).toHaveText("Vote counted");

  await page.goto(`${ARTICLE}#cause-4`);
  const cause = page.locator(`section.cause[data-cause="4"]`);
  await cause.getByPlaceholder(/Version \(optional\)/).fill("runpod-python 1.12.0");
  await cause.getByRole("button", { name: "This fix worked for me" }).click();
  await expect(cause.locator(".worked-count")).toContainText(/This fix worked for \d+ (person|people)/);
  await expect(cause.getByRole("list", { name: /Versions cause 4's fix worked on/ })).toContainText("runpod-python 1.12.0");
  await expect(cause.locator(".worked-form").getByRole("status")).toHaveText("Thanks: counted.");
});

test("'worked for me' and votes work without JavaScript too", async ({ browser, baseURL, client }) => {
  const context = await noJs(browser, baseURL, client);
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await page.locator(`section.cause[data-cause="3"]`).getByRole("button", { name: "This fix worked for me" }).click();
  await expect(page).toHaveURL(/\/notes\/status\?article=runpod-handler-timeout&cause=3&done=worked$/);
  await expect(page.locator("main .notice")).toContainText(/Cause 3's fix has worked for \d+ (person|people)/);
  await context.close();
});

test("a reader reports a note with a reason", async ({ page }) => {
  const note = await withStore(async ({ db }) => {
    const r = await createNote(
      db,
      { article: "runpod-handler-timeout", cause: null, name: "Report target", versions: { platform: null, runtime: null, library: null }, body: unique("A note someone will report as outdated advice."), client: "seed", ownerKey: "ab".repeat(32), status: "approved", queueReason: null },
      Date.now(),
    );
    if (!r.ok) throw new Error("seed");
    return r.note;
  });
  await page.goto(`/notes/${note.id}`);
  await page.getByText("Report", { exact: true }).click();
  await page.getByLabel("Wrong or outdated: the fix does not work").check();
  await page.getByLabel("Details (optional)").fill("Did not help on runpod-python 1.13");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.locator(".report").getByRole("status")).toHaveText("Reported. A moderator will look at it.");
});

test("a first note with a link waits; a moderator approves it in /admin and it is in the page's HTML", async ({ page, request }) => {
  await page.goto(ARTICLE);
  const body = unique("See https://docs.runpod.io/serverless/endpoints/job-states for what TIMED_OUT means here.");
  await fillNote(page, { cause: "1", body });
  await page.waitForTimeout(READING_TIME);
  await page.locator("#note-form").getByRole("button", { name: "Post note" }).click();
  await expect(page.locator("#note-form").getByRole("status")).toContainText("waits for a moderator");
  expect(await (await request.get(ARTICLE)).text()).not.toContain("for what TIMED_OUT means here");

  await signIn(page);
  const entry = page.locator("article.note").filter({ hasText: "for what TIMED_OUT means here" }).filter({ hasText: body.slice(-12, -1) });
  await expect(entry).toContainText("queued for a link from a first-time poster");
  await entry.getByRole("button", { name: /^Approve/ }).click();
  await expect(page.locator("main .notice")).toHaveText("Approved: the note is published.");
  await expect(page.getByRole("table")).toContainText("approve");

  const html = await (await request.get(ARTICLE)).text();
  expect(html).toContain(body.slice(-20, -1));
  expect(html).toContain('href="https://docs.runpod.io/serverless/endpoints/job-states" rel="nofollow ugc noopener"');
});

test("the poster can edit for 15 minutes; after that the edit is refused", async ({ page }) => {
  await page.goto(ARTICLE);
  const body = unique("Edit window: the handler returned before the job finished.");
  await fillNote(page, { body });
  await page.waitForTimeout(READING_TIME);
  await page.locator("#note-form").getByRole("button", { name: "Post note" }).click();
  await page.locator("#note-form").getByRole("link", { name: /See it, edit or delete it/ }).click();
  await expect(page.getByRole("heading", { name: "Edit or delete" })).toBeVisible();
  const id = page.url().split("/notes/")[1]!.split("?")[0]!;

  const editForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save changes" }) });
  await editForm.getByRole("textbox", { name: "Your note" }).fill(`${body} Edited once, within the window.`);
  await editForm.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("main .notice")).toHaveText("Your changes are saved.");

  // Sixteen minutes pass: the note's posting time moves back (the store's clock is the row's).
  await withStore(({ db }) => db.updateTable("notes").set({ created_at: Date.now() - 16 * 60_000 }).where("id", "=", id).execute());
  await editForm.getByRole("textbox", { name: "Your note" }).fill(`${body} Edited too late.`);
  await editForm.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/notes/${id}\\?error=window-closed$`));
  await expect(page.locator("main .notice-error")).toContainText("can be edited or deleted for 15 minutes");
  await expect(page.getByRole("heading", { name: "Edit or delete" })).toHaveCount(0);
  await expect(page.locator(".note-body")).toContainText("Edited once, within the window.");
  await expect(page.locator(".note-body")).not.toContainText("Edited too late");
});

test("a request from another origin is refused, JSON or form", async ({ request }) => {
  const json = await request.post("/api/notes", { headers: { origin: "https://evil.example", "content-type": "application/json" }, data: { article: "runpod-handler-timeout", body: "cross-origin attempt at posting" } });
  expect(json.status()).toBe(403);
  expect(await json.json()).toMatchObject({ code: "origin" });
  const text = await request.post("/api/notes", { headers: { "content-type": "text/plain" }, data: "body=hello" });
  expect(text.status()).toBe(415);
});

for (const scheme of ["light", "dark"] as const) {
  test(`notes pass the accessibility check in the ${scheme} theme`, async ({ browser, baseURL, client }) => {
    test.slow(); // five pages through axe
    const context = await browser.newContext({ colorScheme: scheme, baseURL, extraHTTPHeaders: { "x-forwarded-for": client } });
    const page = await context.newPage();
    const note = await withStore(async ({ db }) => {
      const r = await createNote(
        db,
        { article: "runpod-handler-timeout", cause: 2, name: "Axe", versions: { platform: "RunPod", runtime: "Python 3.12", library: "runpod-python 1.12.0" }, body: unique("Accessible note with `code` and\n\n```python\nimport time\ntime.sleep(1)\n```"), client: "seed", ownerKey: "ab".repeat(32), status: "approved", queueReason: null },
        Date.now(),
      );
      if (!r.ok) throw new Error("seed");
      return r.note;
    });
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`), `${what} (${scheme})`).toEqual([]);
    };
    await page.goto(`/notes/${note.id}`);
    await page.getByText("Report", { exact: true }).click();
    await check("a note's page, report form open");
    await page.goto(ARTICLE);
    await page.locator("#note-form").getByRole("textbox", { name: "Your note" }).fill("Preview for the accessibility check, **bold** and `code`.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview of your note" })).toBeVisible();
    await check("the article with its notes and a preview");
    await page.goto("/notes/new?article=runpod-handler-timeout&cause=2&body=Preview%20text%20for%20the%20check%2C%20long%20enough.");
    await check("the note form page");
    await page.goto("/admin");
    await check("the admin sign-in");
    await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signing in is a form post and a redirect: axe must not run on the document being replaced.
    await expect(page.getByRole("heading", { name: /Waiting for review/ })).toBeVisible();
    await check("the moderation queue");
    await context.close();
  });
}
