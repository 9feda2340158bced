// The code on an article's page is code a person would deploy. How the world behaves (a host's
// latency and answers, a model's load time, a server that becomes ready after 90 s) belongs in
// the article's `simulate:` rules, never in the files. This finds what gives scaffolding away: a
// name defined for pretending (fake_*, simulate_*, mock*, stub*), a comment about the simulator,
// or a reach into the simulator's own modules.

export type ScaffoldingProblem = { line: number; text: string; reason: string };

const PRETEND_WORDS = new Set(["sim", "simulate", "simulated", "simulates", "simulation", "fake", "faked", "mock", "mocked", "stub", "stubbed", "pretend"]);

/** The words of an identifier: snake_case, camelCase and SCREAMING_CASE alike. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[_$]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const pretends = (name: string) => words(name).some((w) => PRETEND_WORDS.has(w));

const DEFINITIONS: Record<"python" | "js", RegExp[]> = {
  python: [/^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/, /^\s*class\s+([A-Za-z_]\w*)/, /^([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)/],
  js: [
    /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
    /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/,
    /^\s*(?:export\s+)?class\s+([A-Za-z_$][\w$]*)/,
  ],
};

const COMMENT: Record<"python" | "js", RegExp> = { python: /#(.*)$/, js: /\/\/(.*)$|\/\*(.*?)(?:\*\/|$)/ };

/** Problems in one code file; `language` from its extension. */
export function findScaffolding(source: string, language: "python" | "js"): ScaffoldingProblem[] {
  const problems: ScaffoldingProblem[] = [];
  source.split("\n").forEach((text, i) => {
    const line = i + 1;
    for (const pattern of DEFINITIONS[language]) {
      const name = pattern.exec(text)?.[1];
      if (name && pretends(name)) {
        problems.push({ line, text: text.trim(), reason: `"${name}" is named for pretending: model the behaviour with the article's simulate: rules instead` });
      }
    }
    const comment = COMMENT[language].exec(text);
    const said = comment ? (comment[1] ?? comment[2] ?? "") : "";
    if (/\bsimulat(or|ed|ion)\b|\bdeadline simulator\b|\bvirtual clock\b/i.test(said)) {
      problems.push({ line, text: text.trim(), reason: "a comment about the simulator: the file should read as code someone deploys" });
    } else if (/\bstands? in for\b|\bpretend(s|ing)?\b|\bin place of the real\b|\bfake\b/i.test(said)) {
      problems.push({ line, text: text.trim(), reason: "code that stands in for something else: model it with a cost, latency or response rule instead" });
    }
    const code = comment ? text.slice(0, comment.index) : text;
    if (/\braise\s+[\w.]*(ConnectionError|ConnectTimeout|ReadTimeout|Timeout|TimeoutError)\s*\(/.test(code) || /throw\s+new\s+\w*Error\s*\(\s*["'`][^"'`]*(ECONNREFUSED|ETIMEDOUT|ECONNRESET)/.test(code)) {
      problems.push({ line, text: text.trim(), reason: "raises a network failure itself: a response rule with connection: refused / dropped, or a latency rule, models it" });
    }
    if (/\b_deadline\b|__dl\$|\/deadline\/stubs/.test(text)) {
      problems.push({ line, text: text.trim(), reason: "reaches into the simulator's own modules" });
    }
  });
  return problems;
}
