// Verifies every article the way a reader would be let down if it were wrong: each runnable
// pair runs through the simulator and must fail and pass as its frontmatter claims, no code file
// carries simulation scaffolding (lib/content/scaffolding.ts), and every link inside the site
// resolves. Frontmatter (verify source, references, signatures) and the
// section structure are validated by loading the article with the same code the build uses.
//   npm run verify:content [-- <slug> ...]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { articleAnchors } from "../lib/content/article-structure";
import { codeFilesOf, scaffoldingDialect } from "../lib/content/code-files";
import { ContentError } from "../lib/content/content-error";
import { contentDir, listSlugs, loadAliases, loadArticle, type Article } from "../lib/content/load.server";
import { findScaffolding } from "../lib/content/scaffolding";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import { languageOfFile, UsageError } from "../lib/runner/prepare";
import type { SimulationResult } from "../lib/runner/types";

const only = process.argv.slice(2);
const dir = contentDir();
const slugs = (await listSlugs(dir)).filter((s) => only.length === 0 || only.includes(s));
const problems: string[] = [];
const articles = new Map<string, Article>();

for (const slug of await listSlugs(dir)) {
  try {
    articles.set(slug, await loadArticle(slug, dir));
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems.push(error.message);
  }
}

// Former slugs (aliases:) must not collide with an article or with each other.
try {
  await loadAliases(dir);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  problems.push(error.message);
}

// Internal links: /errors/<slug>, /errors/<slug>#anchor and #anchor within the article.
for (const slug of slugs) {
  const article = articles.get(slug);
  if (!article) continue;
  for (const link of article.outline.links) {
    const where = `${article.file}${link.line ? `:${link.line}` : ""}`;
    const [pathname = "", hash] = link.url.split("#");
    let target: Article | undefined = article;
    if (pathname) {
      const match = /^\/errors\/([a-z0-9-]+)\/?$/.exec(pathname);
      if (pathname === "/") target = undefined;
      else if (!match) {
        problems.push(`${where}: link ${link.url}: no such page on this site`);
        continue;
      } else {
        target = articles.get(match[1]!);
        if (!target) {
          problems.push(`${where}: link ${link.url}: no article "${match[1]}"`);
          continue;
        }
      }
    }
    if (hash && target && !articleAnchors(target.outline).has(hash)) {
      problems.push(`${where}: link ${link.url}: ${target.slug} has no #${hash}`);
    }
  }
}

// The code on a page is code a person would deploy: no fake clocks, stand-ins or comments about
// the simulator. How the world behaves belongs in the article's simulate: rules.
for (const slug of slugs) {
  const folder = path.join(dir, slug);
  for (const file of await codeFilesOf(folder)) {
    const source = await readFile(file.path, "utf8");
    for (const problem of findScaffolding(source, scaffoldingDialect(file.language))) {
      problems.push(`${path.relative(process.cwd(), file.path)}:${problem.line}: ${problem.reason} (${problem.text})`);
    }
  }
}

const simulator = createNodeSimulator();
const describe = (r: SimulationResult) =>
  `${r.verdict} at ${r.elapsedSeconds.toFixed(2)} s${r.line ? `, line ${r.line}` : ""}${r.error ? ` (${r.error.type}: ${r.error.message.split("\n")[0]})` : ""}`;

try {
  for (const slug of slugs) {
    const article = articles.get(slug);
    const simulate = article?.frontmatter.simulate;
    if (!article || !simulate) {
      if (article) console.log(`${slug}: not simulated (${article.frontmatter.simulateReason})`);
      continue;
    }
    const folder = path.join(dir, slug);
    const outcomes: string[] = [];
    for (const variant of ["broken", "fixed"] as const) {
      const file = simulate[variant];
      const language = languageOfFile(file);
      if (!language) {
        problems.push(`${article.file}: simulate.${variant}: cannot tell the language of ${file}`);
        continue;
      }
      let result: SimulationResult;
      try {
        result = await simulator.simulate({
          language,
          code: await readFile(path.join(folder, file), "utf8"),
          filename: file,
          platform: simulate.platform,
          timeout: simulate.timeout,
          ...(simulate.event !== undefined ? { event: simulate.event } : {}),
          ...(simulate.latency ? { latency: simulate.latency } : {}),
          ...(simulate.responses ? { responses: simulate.responses } : {}),
          ...(simulate.model ? { model: simulate.model } : {}),
          ...(simulate.cost ? { cost: simulate.cost } : {}),
          ...(simulate.env ? { env: simulate.env } : {}),
          ...(simulate.handler ? { handler: simulate.handler } : {}),
          ...(simulate.plan ? { plan: simulate.plan } : {}),
          ...(simulate.concurrency ? { concurrency: simulate.concurrency } : {}),
          // No project: the code on the page must run in the editor, which holds one file.
        });
      } catch (error) {
        // A request the simulator refuses (say, a platform it has no preset for) fails this
        // article only; the others are still verified and reported.
        if (!(error instanceof Error) || error.name !== "UsageError") throw error;
        outcomes.push(`${variant} not run (${error.message})`);
        problems.push(`${article.file}: simulate.${variant}: ${file} cannot run: ${error.message}`);
        continue;
      }
      const expected = simulate.expect[variant];
      outcomes.push(`${variant} ${describe(result)}`);
      if (result.verdict !== expected) {
        problems.push(`${article.file}: simulate.${variant}: ${file} should end "${expected}" on ${simulate.platform} with a ${simulate.timeout} s limit, but the simulator says ${describe(result)}`);
      }
    }
    console.log(`${slug}: ${outcomes.join("; ")}`);
  }
} finally {
  await simulator.close();
}

if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`\n${slugs.length} article(s) verified: pairs behave as claimed, code files carry no simulation scaffolding, internal links resolve.`);
