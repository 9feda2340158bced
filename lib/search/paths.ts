// File paths and URLs in a paste are mostly noise (the reporter's home folder, a build id), but the
// library a frame points into is signal: site-packages/aiohttp/…, node_modules/lambda-local/…,
// python3.12/asyncio/tasks.py, node:internal/deps/undici/…. This keeps those names and drops the rest.

const URL_RE = /\b(?:https?|wss?):\/\/[^\s"'<>)\]}`]+/gi;
// A path has a root (/, ~/, ./, C:\, node:, file://) or at least two separators, or ends in a source file.
const PATH_RE =
  /(?:\b[A-Za-z]:[\\/]|\\\\|~\/|\.{1,2}[\\/]|(?<![\w.])\/|\bnode:|\bfile:\/\/\/?)(?:[\w.@+$~-]+[\\/])*[\w.@+$~-]+|\b(?:[\w.@+$~-]+[\\/]){2,}[\w.@+$~-]*|\b(?:[\w@+$~-]+[\\/])+[\w+$~-]+\.(?:py|pyx|js|mjs|cjs|ts|tsx|jsx|rb|go|java|cs|php|rs|kt|scala|ex|exs)\b/g;

const HOST_NOISE = new Set(["www", "com", "org", "net", "io", "dev", "app", "co", "uk", "de", "jp", "cn", "fr", "api", "docs", "github", "githubusercontent", "localhost", "http", "https"]);

export type PathTerms = { library: string[]; other: string[] };

function stem(segment: string): string {
  return segment.replace(/\.(?:py|pyx|pyc|js|mjs|cjs|ts|tsx|jsx|rb|go|java|cs|php|rs|json|mdx?|html?)$/i, "");
}

/** The names in one path: the library it points into (strong) and everything else (weak). */
export function pathTerms(path: string): PathTerms {
  const segments = path
    .replace(/^(?:file:\/\/\/?|[A-Za-z]:[\\/])/, "")
    .split(/[\\/]+/)
    .filter(Boolean);
  if (path.startsWith("node:")) {
    // node:internal/deps/undici/undici → undici; node:internal/process/task_queues → process task_queues
    const rest = path.slice(5).split("/").filter((s) => s !== "internal" && s !== "deps");
    return { library: [...new Set(rest.map(stem))], other: [] };
  }
  for (let i = segments.length - 2; i >= 0; i--) {
    const seg = segments[i]!.toLowerCase();
    const isPackages = seg === "site-packages" || seg === "dist-packages" || seg === "node_modules";
    // python3.12/asyncio/tasks.py, Python313\Lib\asyncio\tasks.py: the standard library
    const isStdlib = /^python\d(?:\.\d+)?$/.test(seg) || (seg === "lib" && /^python\d+$/i.test(segments[i - 1] ?? ""));
    if (isPackages || isStdlib) {
      const after = segments.slice(i + 1).map(stem);
      if (isPackages && after[0]?.startsWith("@") && after.length > 1) after.splice(0, 2, `${after[0]}/${after[1]}`);
      return { library: after.filter(Boolean), other: [] };
    }
  }
  // The reporter's own folders and files: noise. (URLs keep their words: the host often names the platform.)
  return { library: [], other: [] };
}

function urlTerms(url: string): PathTerms {
  const withoutQuery = url.replace(/[?#].*$/, "");
  const match = /^[a-z]+:\/\/([^/]+)(.*)$/i.exec(withoutQuery);
  if (!match) return { library: [], other: [] };
  const host = (match[1] ?? "").replace(/:\d+$/, "");
  const labels = host.split(".").filter((l) => !HOST_NOISE.has(l.toLowerCase()) && !/^\d+$/.test(l) && l.length > 1);
  const segments = (match[2] ?? "").split("/").filter(Boolean).map(stem);
  return { library: [], other: [...labels, ...segments] };
}

export type Reduced = { text: string; library: string[]; other: string[] };

/**
 * Replaces each path and URL in a line by the library it points into, if any; the other words of
 * paths and URLs are returned apart, to be weighed as the weak hints they are.
 */
export function reducePaths(line: string): Reduced {
  const library: string[] = [];
  const other: string[] = [];
  const replace = (found: PathTerms) => {
    library.push(...found.library);
    other.push(...found.other);
    return ` ${found.library.join(" ")} `;
  };
  let text = line.replace(URL_RE, (url) => replace(urlTerms(url)));
  text = text.replace(PATH_RE, (path) => replace(pathTerms(path)));
  return { text, library, other };
}
