import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { contentHash, prebuiltEngine, writePrebuiltIndex } from "./prebuilt.server";

const FIXTURE = path.join(import.meta.dirname, "__fixtures__", "two-articles");

async function setup() {
  const work = await mkdtemp(path.join(tmpdir(), "deadline-prebuilt-"));
  const dir = path.join(work, "errors");
  await cp(FIXTURE, dir, { recursive: true });
  const prebuilt = path.join(work, "search-index.json");
  const cacheDir = path.join(work, "cache");
  return { dir, prebuilt, cacheDir, build: "b1" };
}

const ARTICLE = "lambda-task-timed-out/index.mdx";

test("the prebuilt index answers while the articles are the ones it was built from", async () => {
  const options = await setup();
  const written = await writePrebuiltIndex(options.prebuilt, options.dir, options.build);
  expect(written).toEqual({ articles: 2, contentHash: await contentHash(options.dir) });
  const { engine, source } = await prebuiltEngine(options);
  expect(source).toBe("prebuilt");
  expect(engine.search("Task timed out after 12.01 seconds").hits[0]?.slug).toBe("lambda-task-timed-out");
});

test("a changed article is searched as it is now: rebuilt once, then read from the cache", async () => {
  const options = await setup();
  await writePrebuiltIndex(options.prebuilt, options.dir, options.build);
  const before = await contentHash(options.dir);
  const file = path.join(options.dir, ARTICLE);
  await writeFile(file, (await readFile(file, "utf8")).replace('signatures: ["Task timed out after", Sandbox.Timedout]', 'signatures: ["Task timed out after", Sandbox.Timedout, "ZebraQuokkaTimeout"]'));
  expect(await contentHash(options.dir)).not.toBe(before);
  const rebuilt = await prebuiltEngine(options);
  expect(rebuilt.source).toBe("rebuilt");
  expect(rebuilt.engine.search("ZebraQuokkaTimeout").hits[0]?.slug).toBe("lambda-task-timed-out");
  const again = await prebuiltEngine(options);
  expect(again.source).toBe("cache");
  expect(again.engine.search("ZebraQuokkaTimeout").hits[0]?.slug).toBe("lambda-task-timed-out");
});

test("an index another bundle built is not used: its code may tokenise differently", async () => {
  const options = await setup();
  await writePrebuiltIndex(options.prebuilt, options.dir, "other-build");
  expect((await prebuiltEngine(options)).source).toBe("rebuilt");
});

test("the hash covers each article folder's index.mdx and folder name, not other files", async () => {
  const options = await setup();
  const before = await contentHash(options.dir);
  await writeFile(path.join(options.dir, "lambda-task-timed-out", "notes.txt"), "not part of the index");
  expect(await contentHash(options.dir)).toBe(before);
  await cp(path.join(options.dir, "lambda-task-timed-out"), path.join(options.dir, "lambda-task-timed-out-2"), { recursive: true });
  expect(await contentHash(options.dir)).not.toBe(before);
});
