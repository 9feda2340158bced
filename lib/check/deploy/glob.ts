// Glob patterns as vercel.json `functions` keys use them: `api/*.ts`, `api/**/*.js`,
// `app/api/**/route.ts`, `api/{a,b}.ts`. `*` and `?` stay within one path segment, `**` spans
// any number of them. Written here rather than taken from a package: four constructs cover the
// documented keys (vercel.com/docs/project-configuration/vercel-json#functions).

export function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        // `**/` matches zero or more whole segments; a trailing `**` anything below
        if (pattern[i + 1] === "/") {
          i++;
          out += "(?:[^/]+/)*";
        } else out += ".*";
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      const end = pattern.indexOf("}", i);
      if (end < 0) out += "\\{";
      else {
        out += `(?:${pattern.slice(i + 1, end).split(",").map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")).join("|")})`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

export function globMatches(pattern: string, file: string): boolean {
  return globToRegExp(pattern.replace(/^\.\//, "")).test(file);
}
