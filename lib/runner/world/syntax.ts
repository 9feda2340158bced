// The one-line forms of world rules, as typed on the command line and in the editor's rows:
//
//   --respond 'GET 127.0.0.1:8188/history/* => 3x 200 {}; 200 {"{{1}}": {"outputs": {}}}'
//   --respond 'GET localhost:5000/health-check => refused; from 45s 200 {"status": "READY"}'
//   --model torch,diffusers           --cost 'diffusers.*.from_pretrained=40'   --cost 'pipe()=8'
//
// An answer is `[Nx] [from Ss] [in Ls] [C chunks every Gs] (STATUS [BODY] | refused | dropped)`;
// answers are separated by `;` (`in 2s 5 chunks every 30s 200 {...}`: headers after 2 s, then the
// body in 5 chunks 30 s apart). A body that parses as JSON is JSON, anything else is text (write `\;` for a literal `;`
// in a text body). formatResponseRule() writes the same form back.
import { parseWorld, type ResponseAnswer, type ResponseRule } from "./rules";

export class RuleSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleSyntaxError";
  }
}

const RESPOND_SHAPE = "METHOD URL => [Nx] [from Ss] [in Ls] [C chunks every Gs] STATUS [BODY]; … (for example GET 127.0.0.1:8188/history/* => 3x 200 {}; 200 {\"done\": true})";

/** Index just past a JSON value starting at `start`, or -1 when it does not close. */
function jsonEnd(text: string, start: number): number {
  const open = text[start];
  if (open === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return i + 1;
    }
    return -1;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function parseAnswers(text: string, where: string): ResponseAnswer[] {
  const answers: ResponseAnswer[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const word = (): string => {
    skipSpace();
    const m = /^[^\s;]+/.exec(text.slice(i));
    return m ? m[0] : "";
  };
  while (i < text.length) {
    const answer: Record<string, unknown> = {};
    for (;;) {
      const w = word();
      let m: RegExpExecArray | null;
      if ((m = /^(\d+)x$/i.exec(w))) {
        answer.times = Number(m[1]);
        i += w.length;
      } else if (w === "from" || w === "in") {
        i += w.length;
        const value = word();
        const n = /^(\d+(?:\.\d+)?)s?$/.exec(value);
        if (!n) throw new RuleSyntaxError(`${where}: "${w}" needs seconds, e.g. ${w} 45s (got "${value}")`);
        answer[w === "from" ? "from" : "latency"] = Number(n[1]);
        i += value.length;
      } else if (/^\d+$/.test(w) && /^\s+chunks?\b/.test(text.slice(i + w.length))) {
        // `5 chunks every 30s`: the body streams after the headers
        i += w.length;
        word();
        i += /^chunks?/.exec(text.slice(i))![0].length;
        answer.chunks = Number(w);
        if (word() === "every") {
          i += "every".length;
          const value = word();
          const n = /^(\d+(?:\.\d+)?)s?$/.exec(value);
          if (!n) throw new RuleSyntaxError(`${where}: "every" needs seconds between chunks, e.g. 5 chunks every 30s (got "${value}")`);
          answer.gap = Number(n[1]);
          i += value.length;
        }
      } else break;
    }
    const head = word();
    if (head === "refused" || head === "dropped") {
      answer.connection = head;
      i += head.length;
    } else if (/^\d{3}$/.test(head)) {
      answer.status = Number(head);
      i += head.length;
      skipSpace();
      if (i < text.length && text[i] !== ";") {
        const end = "{[\"".includes(text[i]!) ? jsonEnd(text, i) : -1;
        let parsed = false;
        if (end > 0) {
          try {
            answer.json = JSON.parse(text.slice(i, end));
            i = end;
            parsed = true;
          } catch {
            parsed = false;
          }
        }
        if (!parsed) {
          let body = "";
          while (i < text.length && text[i] !== ";") {
            if (text[i] === "\\" && text[i + 1] === ";") {
              body += ";";
              i += 2;
            } else body += text[i++];
          }
          const trimmed = body.trim();
          try {
            answer.json = JSON.parse(trimmed);
          } catch {
            answer.text = trimmed;
          }
        }
      }
    } else {
      throw new RuleSyntaxError(`${where}: expected a status such as 200, or refused / dropped, got "${head || "nothing"}" (shape: ${RESPOND_SHAPE})`);
    }
    answers.push(answer as ResponseAnswer);
    skipSpace();
    if (i < text.length) {
      if (text[i] !== ";") throw new RuleSyntaxError(`${where}: unexpected "${text.slice(i, i + 20)}" after answer ${answers.length}; separate answers with ;`);
      i++;
      skipSpace();
    }
  }
  if (answers.length === 0) throw new RuleSyntaxError(`${where}: no answer after => (shape: ${RESPOND_SHAPE})`);
  return answers;
}

/** Parses `MATCH => ANSWER; ANSWER…` into a validated rule. */
export function parseResponseRule(text: string, where = "--respond"): ResponseRule {
  const arrow = text.indexOf("=>");
  if (arrow < 0) throw new RuleSyntaxError(`${where}: "${text}" is not ${RESPOND_SHAPE}`);
  const match = text.slice(0, arrow).trim();
  const answers = parseAnswers(text.slice(arrow + 2), where);
  try {
    return parseWorld({ responses: [{ match, answers }] }, where).responses![0]!;
  } catch (error) {
    throw new RuleSyntaxError((error as Error).message.replace(`${where}.responses.0`, where));
  }
}

function formatAnswer(answer: ResponseAnswer): string {
  const parts: string[] = [];
  if (answer.times !== undefined) parts.push(`${answer.times}x`);
  if (answer.from !== undefined) parts.push(`from ${answer.from}s`);
  if (answer.latency !== undefined) parts.push(`in ${answer.latency}s`);
  if (answer.chunks !== undefined) parts.push(`${answer.chunks} chunks${answer.gap !== undefined ? ` every ${answer.gap}s` : ""}`);
  if (answer.connection) parts.push(answer.connection);
  else {
    parts.push(String(answer.status ?? 200));
    if (answer.json !== undefined) parts.push(JSON.stringify(answer.json));
    else if (answer.text !== undefined) parts.push(answer.text.replace(/;/g, "\\;"));
  }
  return parts.join(" ");
}

export function formatAnswers(answers: readonly ResponseAnswer[]): string {
  return answers.map(formatAnswer).join("; ");
}

export function formatResponseRule(rule: ResponseRule): string {
  return `${rule.match} => ${formatAnswers(rule.answers)}`;
}

/** `pattern=seconds`: the last `=` splits, so patterns may hold anything else. */
export function parseCostRule(text: string, where = "--cost"): [string, number] {
  const at = text.lastIndexOf("=");
  const pattern = text.slice(0, at).trim();
  const seconds = Number(text.slice(at + 1));
  if (at <= 0 || !pattern || !Number.isFinite(seconds) || seconds < 0 || text.slice(at + 1).trim() === "") {
    throw new RuleSyntaxError(`${where}: "${text}" is not pattern=seconds (for example diffusers.*.from_pretrained=40 or pipe()=8)`);
  }
  return [pattern, seconds];
}

/** `torch,diffusers` or one name: the modules declared present. */
export function parseModelList(text: string, where = "--model"): string[] {
  const names = text.split(/[,\s]+/).map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new RuleSyntaxError(`${where}: name at least one module, e.g. --model torch`);
  try {
    return parseWorld({ model: names }, where).model!;
  } catch (error) {
    throw new RuleSyntaxError((error as Error).message);
  }
}
