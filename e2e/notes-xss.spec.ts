import type { Page } from "@playwright/test";
import { openStore } from "../lib/notes/db";
import { createNote } from "../lib/notes/store";
import { XSS_VECTORS } from "../lib/notes/test/xss-corpus";
import { expect, test as base } from "./fixtures";
import { E2E_ADMIN_TOKEN, E2E_DB } from "./notes-env";

// The XSS corpus in a real browser: published on an article and rendered by the static page,
// and pasted into the form's preview (rendered in the browser from the API's tree). No vector
// may open a dialog, add the element it tries to add, or leave an element or attribute the
// pipeline does not allow.

const test = base.extend<{ client: string }>({
  client: async ({}, use) => use(`2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}::1`),
  extraHTTPHeaders: async ({ client }, use) => use({ "x-forwarded-for": client }),
});

const ALLOWED = ["DIV", "P", "BR", "STRONG", "EM", "DEL", "CODE", "PRE", "UL", "OL", "LI", "BLOCKQUOTE", "A", "HR", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "SPAN"];

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

/** Every element under `selector` that the pipeline would not emit, as a description. */
async function strays(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll(
    (roots, allowed) =>
      roots.flatMap((root) =>
        [...root.querySelectorAll("*")].flatMap((el) => {
          const bad: string[] = [];
          if (!allowed.includes(el.tagName)) bad.push(`<${el.tagName.toLowerCase()}>`);
          for (const attr of el.getAttributeNames()) {
            if (/^on/i.test(attr) || !["href", "rel", "class", "style", "tabindex", "start"].includes(attr)) bad.push(`${el.tagName.toLowerCase()}[${attr}]`);
          }
          const href = el.getAttribute("href");
          if (href !== null && !/^https?:\/\//.test(href)) bad.push(`href=${href}`);
          return bad;
        }),
      ),
    ALLOWED,
  );
}

test("the corpus, published on an article, renders inert in the static page", async ({ page, request }) => {
  test.slow(); // 53 notes to seed, one page with all of them to check
  const slug = "aws-lambda-task-timed-out";
  const run = Date.now().toString(36);
  const store = await openStore({ file: E2E_DB });
  let pendingId = "";
  try {
    for (const [i, vector] of XSS_VECTORS.entries()) {
      const r = await createNote(
        store.db,
        { article: slug, cause: i % 2 ? 1 : null, name: `xss ${i}`, versions: { platform: null, runtime: null, library: null }, body: `${vector.body}\n\n(vector ${i}, run ${run})`, client: "seed", ownerKey: "ab".repeat(32), status: "approved", queueReason: null },
        Date.now(),
      );
      expect(r.ok, vector.name).toBe(true);
    }
    const pending = await createNote(
      store.db,
      { article: slug, cause: null, name: "trigger", versions: { platform: null, runtime: null, library: null }, body: `Approving this note regenerates the page (run ${run}).`, client: "seed", ownerKey: "ab".repeat(32), status: "pending", queueReason: "test" },
      Date.now(),
    );
    if (!pending.ok) throw new Error("seed");
    pendingId = pending.note.id;
  } finally {
    await store.db.destroy();
  }
  // A moderator's decision regenerates the article: then all of the corpus is in its HTML.
  await page.goto("/admin");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  const moderated = await page.request.post(`/api/admin/notes/${pendingId}`, { headers: { origin: new URL(page.url()).origin }, data: { action: "approve" } });
  expect(moderated.status()).toBe(200);
  expect(await (await request.get(`/errors/${slug}`)).text()).toContain(`(vector ${XSS_VECTORS.length - 1}, run ${run})`);

  const dialogs = watchDialogs(page);
  await page.goto(`/errors/${slug}`);
  await expect(page.locator(".note-body").filter({ hasText: `(vector 0, run ${run})` })).toBeVisible();
  await expect(page.locator(".note-body").filter({ hasText: `run ${run}` })).toHaveCount(XSS_VECTORS.length + 1);
  expect(dialogs).toEqual([]);
  await expect(page.locator("#xss-pwned")).toHaveCount(0);
  expect(await strays(page, ".note-body")).toEqual([]);
  expect(await page.locator("main script, main iframe, main svg script, main img[onerror], main object, main embed").count()).toBe(0);
});

test("the corpus, pasted into the form, previews inert", async ({ page }) => {
  test.slow(); // 53 round trips to the preview API
  const dialogs = watchDialogs(page);
  await page.goto("/errors/aws-lambda-task-timed-out");
  const form = page.locator("#note-form");
  for (const [i, vector] of XSS_VECTORS.entries()) {
    await form.getByRole("textbox", { name: "Your note" }).fill(`${vector.body}\n\n(preview ${i})`);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/notes/preview"));
    await form.getByRole("button", { name: "Preview" }).click();
    expect((await answered).status(), vector.name).toBe(200);
    await expect(form.getByRole("region", { name: "Preview of your note" })).toContainText(`(preview ${i})`);
    expect(await strays(page, ".note-preview .note-body"), vector.name).toEqual([]);
  }
  expect(dialogs).toEqual([]);
  await expect(page.locator("#xss-pwned")).toHaveCount(0);
});
