// Build-time job, after `next build` (npm's postbuild): compresses every script and stylesheet
// Next wrote to .next/static/chunks once, as brotli (quality 11) and gzip (level 9), into
// .next/static/_br/chunks and .next/static/_gz/chunks. next.config.mjs rewrites a request that
// accepts brotli (else gzip) to that twin and labels it, as it does for the runtime's files:
// `next start` would otherwise gzip each chunk again on every request, at its default level and
// never as brotli. Without this step the rewrite's twins would be missing, so it fails loudly.
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const STATIC = path.resolve(import.meta.dirname, "..", ".next", "static");
const SOURCE = path.join(STATIC, "chunks");
const TWINS = { br: path.join(STATIC, "_br", "chunks"), gzip: path.join(STATIC, "_gz", "chunks") };
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function files(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

try {
  await stat(SOURCE);
} catch {
  console.error(`precompress-static: no ${SOURCE}; run it after next build`);
  process.exit(1);
}
await Promise.all(Object.values(TWINS).map((dir) => rm(dir, { recursive: true, force: true })));
const all = await files(SOURCE);
let raw = 0;
let br = 0;
// A few at a time: brotli's highest quality keeps both cores busy through libuv's pool already.
for (let i = 0; i < all.length; i += 8) {
  await Promise.all(
    all.slice(i, i + 8).map(async (rel) => {
      const bytes = await readFile(path.join(SOURCE, rel));
      const [b, g] = await Promise.all([
        brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        gz(bytes, { level: 9 }),
      ]);
      for (const [dir, body] of [
        [TWINS.br, b],
        [TWINS.gzip, g],
      ] as const) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), body);
      }
      raw += bytes.length;
      br += b.length;
    }),
  );
}
console.log(`precompressed ${all.length} static files: ${(raw / 1024).toFixed(0)} KiB, ${(br / 1024).toFixed(0)} KiB as brotli`);
