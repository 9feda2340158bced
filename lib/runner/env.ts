// Environment variables as people write them: KEY=VALUE on a command line, lines of a .env file,
// or the editor's Environment box. One reader for all three.

/** KEY=VALUE (quotes around the value dropped, `export ` allowed); null for blank and # lines. */
export function parseEnvLine(line: string, where: string): [string, string] | null {
  const text = line.trim();
  if (!text || text.startsWith("#")) return null;
  const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(text);
  if (!m) throw new Error(`${where}: "${text}" is not KEY=VALUE`);
  let value = m[2]!;
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) value = quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, "\n") : quoted[2]!;
  else value = value.replace(/\s+#.*$/, "");
  return [m[1]!, value];
}

/** Every KEY=VALUE line of a text; throws on the first line that is neither blank, comment nor pair. */
export function parseEnvText(text: string, where = "environment"): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const pair = parseEnvLine(line, `${where} line ${i + 1}`);
    if (pair) env[pair[0]] = pair[1];
  });
  return env;
}
