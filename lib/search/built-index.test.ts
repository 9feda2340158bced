import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BUILT_INDEX_FILE, readBuiltIndex } from "./documents.server";
import { INDEX_VERSION } from "./engine";

let dist: string;
const data = { version: INDEX_VERSION, docs: [], terms: "", articles: [], causes: [] };
const write = (buildId: string, index: unknown) => {
  writeFileSync(path.join(dist, "BUILD_ID"), buildId);
  writeFileSync(path.join(dist, BUILT_INDEX_FILE), JSON.stringify(index));
};

beforeEach(() => {
  dist = mkdtempSync(path.join(tmpdir(), "deadline-dist-"));
  vi.stubEnv("NODE_ENV", "production");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dist, { recursive: true, force: true });
});

describe("the index written by the build", () => {
  test("next start reads the index its own build wrote", async () => {
    write("abc123\n", { buildId: "abc123", data });
    expect(await readBuiltIndex(dist)).toEqual(data);
  });

  test("another build's index, an older index format or none at all is not used", async () => {
    write("def456", { buildId: "abc123", data });
    expect(await readBuiltIndex(dist)).toBeNull();
    write("abc123", { buildId: "abc123", data: { ...data, version: INDEX_VERSION + 1 } });
    expect(await readBuiltIndex(dist)).toBeNull();
    expect(await readBuiltIndex(path.join(dist, "missing"))).toBeNull();
  });

  test("next dev reads the articles as they are, never a built index", async () => {
    write("abc123", { buildId: "abc123", data });
    vi.stubEnv("NODE_ENV", "development");
    expect(await readBuiltIndex(dist)).toBeNull();
  });
});
