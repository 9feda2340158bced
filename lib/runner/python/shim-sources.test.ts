import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { GENERATED_FILE, renderShimSources } from "./generate-shim-sources";

test("shim-sources.generated.ts matches the .py files (run: npx tsx lib/runner/python/generate-shim-sources.ts)", () => {
  expect(readFileSync(GENERATED_FILE, "utf8")).toBe(renderShimSources());
});
