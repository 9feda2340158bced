import { loadTwinArticle } from "./lib/content/twins/load.server";
import { articleMarkdown, causeMarkdown } from "./lib/content/twins/markdown";
const a = await loadTwinArticle(process.argv[2] ?? "runpod-handler-timeout");
console.log(causeMarkdown(a, a.outline.causes[Number(process.argv[3] ?? 1) - 1]!));
console.log("=========");
console.log(articleMarkdown(a));
