// Understanding what people paste: one line, or a 200-line traceback wrapped in JSON log records.
// The analyser finds the parts that name the error (exception types, error codes, the messages of
// exception and error lines), strips what differs between occurrences (timestamps, ids, paths,
// ports), and weighs every word by where it was found. Work is bounded: a 1 MB paste is cut down
// to a fixed number of lines, chosen to keep the ones that carry the error, before anything costly.

import { reducePaths } from "./paths";
import { stripAnsi, stripIds, stripTimestamps } from "./noise";
import { phraseTokens, tokenize } from "./tokenize";

/** Where a word was found, strongest first. */
export type Zone = "exception" | "code" | "message" | "text" | "library" | "frame" | "source" | "path";

export const ZONE_WEIGHT: Record<Zone, number> = {
  exception: 5,
  code: 5,
  message: 3,
  text: 1.5,
  library: 1.5,
  frame: 0.8,
  source: 0.6,
  path: 0.3,
};

export type QueryAnalysis = {
  /** every term with its weight */
  terms: Map<string, number>;
  /** the words of the paste in order (phrase matching), with the weight of the line each came from */
  stream: string[];
  streamWeights: number[];
  /** what was recognised, for people: formats, exception types, codes, messages */
  formats: string[];
  exceptions: string[];
  codes: string[];
  messages: string[];
  /** the last word of a short typed query, which may be unfinished */
  prefix: string | null;
  /** a short text with the same meaning, for a shareable URL */
  condensed: string;
  /** lines in the paste, and whether some were skipped to bound the work */
  lines: number;
  bounded: boolean;
};

// Bounds. Above MAX_LINES, the head, the tail and the lines that look like errors are kept.
const MAX_LINES = 2000;
const HEAD_LINES = 200;
const TAIL_LINES = 1000;
const MAX_HINT_LINES = 800;
const MAX_LINE_LENGTH = 2000;
const MAX_TERMS = 160;
const MAX_STREAM = 30_000;

const HINT = /error|exception|timeout|timed ?out|exceeded|fatal|critical|killed|panic|code[=:]|status[=:]|traceback|^\s*at |^\s*File "/i;

// Exception-ish names: TimeoutError, asyncio.exceptions.TimeoutError, TimeLimitExceeded, Sandbox.Timedout,
// Microsoft.Azure.WebJobs.Host.FunctionTimeoutException, httpx.ReadTimeout.
const EXCEPTION_NAME = /^(?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*?(?:Error|Exception|Timeout|Exceeded|Timedout|TimedOut|Expired|Interrupt|Cancelled|Canceled|Failure|Abort|Aborted|Warning|Exit|Fault)$/;
const EXCEPTION_ANYWHERE = /(?<![\w$.])(?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*?(?:Error|Exception|Timeout|Exceeded|Timedout|TimedOut|Expired|Interrupt|Cancelled|Canceled|Failure|Abort|Aborted|Fault)\b/g;
// A line that states an exception: "TypeError: fetch failed", "[cause]: ConnectTimeoutError: ...",
// "Caused by: java.net.SocketTimeoutException: Read timed out", "httpx.ReadTimeout".
const EXCEPTION_LINE =
  /^\s*(?:\[?cause\]?:\s*|caused by:?\s*|uncaught(?:exception)?:?\s*(?:\(in promise\)\s*)?|unhandled(?:\s*rejection)?:?\s*|thrown:\s*"?|raised exception:\s*|error:\s+(?=[A-Z]\w*(?:Error|Exception)))?((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)(?:\s*\[([A-Z][A-Z0-9_]+)\])?(?::\s*(.*)|\s*\((.*)\))?\s*$/i;

const CODE_PATTERNS: RegExp[] = [
  // UND_ERR_CONNECT_TIMEOUT, FUNCTION_INVOCATION_TIMEOUT, TIMED_OUT, INIT_REPORT
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g,
  // errno names: ETIMEDOUT, ESOCKETTIMEDOUT, ECONNRESET, EAI_AGAIN
  /\bE(?:[A-Z]*TIMEDOUT|CONN[A-Z]+|HOSTUNREACH|NETUNREACH|NETDOWN|PIPE|NOTFOUND|ADDRINUSE|ADDRNOTAVAIL|PROTO|MFILE|NOMEM|ACCES|PERM|BUSY)\b/g,
];
// code=H12, code: 'UND_ERR_CONNECT_TIMEOUT', errno: -110, status=503, [code: 10021], errorType: 'TimeoutError'
const KEYED_CODE = /\b(?:code|error_?code|errno|status|status_?code|reason|error_?type|errortype|type)\s*[=:]\s*["']?(-?[A-Za-z0-9_.]+)["']?/gi;
// Error 1102, error code: 1102, HTTP/1.1 504, 504 Gateway Timeout, 524: A timeout occurred
const NUMERIC_CODE = /\b(?:error|code|status|http\/\d(?:\.\d)?)\s*(?:code)?\s*[:=#]?\s*(\d{3,5})\b|\b([45]\d{2})\b(?=:?\s*(?:gateway|bad gateway|service unavailable|internal server error|request timeout|time-?out|a timeout|origin|[A-Z_]{6,}))/gi;
const NOT_CODES = new Set(["HTTP", "GET", "POST", "PUT", "INFO", "DEBUG", "WARN", "WARNING", "ERROR", "CRITICAL", "FATAL", "TRACE", "NOTICE", "NULL", "TRUE", "FALSE", "NONE", "UTF_8", "ISO_8601"]);

const ERROR_LEVEL = /\b(?:error|err|critical|crit|fatal|severe|panic|emerg|alert)\b|"level"\s*:\s*"(?:error|critical|fatal)"|^\s*[EF], \[|\[(?:error|crit|alert|emerg)\]/i;
const ERROR_WORDS = /timed? ?out|timeout|exceeded|failed|failure|killed|terminated|aborted|refused|reset|unavailable|not ready|limit|error|exception|cannot|could not|unable/i;
const QUIET_LEVEL = /^\s*(?:\[?\s*(?:info|debug|trace|notice)\s*\]?\b|I, \[|D, \[)|"level"\s*:\s*"(?:info|debug|trace)"/i;

const PY_TRACEBACK = /Traceback \(most recent call last\)/;
const PY_FRAME = /^\s*File "([^"]*)"(?:, line \d+)?(?:, in (\S+))?/;
const RICH_FRAME = /^\s*(\S+\.py):\d+ in (\S+)/;
const STACK_FRAME = /^\s*at\s+(?:async\s+)?(.*)$/;
const CHAIN = /The above exception was the direct cause of the following exception|During handling of the above exception, another exception occurred/;
const BOX = /[│┃║╭╮╰╯─━═┌┐└┘├┤┬┴┼❱▶➤►]/g;

const FORMATS: [RegExp, string][] = [
  [/^\s*(?:START|END|REPORT|INIT_START|INIT_REPORT|EXTENSION|TELEMETRY) RequestId:|^\s*INIT_REPORT |\/aws\/lambda\//, "AWS Lambda log lines"],
  [/heroku\[router\]:/, "Heroku router log line"],
  [/\[\d+\] \[(?:CRITICAL|ERROR|INFO|WARNING|DEBUG)\]/, "gunicorn log line"],
  [/\[(?:error|warn|crit|alert|emerg)\] \d+#\d+:/, "nginx error log line"],
  [/^\s*\{.*"\s*:/, "JSON log record"],
];

function unescapeJson(text: string): string {
  // A log record that holds a traceback carries its newlines and tabs escaped: "…\n  File \"x.py\"…"
  const escaped = (text.match(/\\n|\\t/g) ?? []).length;
  if (escaped === 0) return text;
  const real = (text.match(/\n/g) ?? []).length;
  if (!(/[{[]\s*"|"\s*:/.test(text) || escaped > real)) return text;
  return text.replace(/\\\\|\\r\\n|\\n|\\r|\\t|\\"|\\u001b|\\u001b/gi, (m) => {
    switch (m) {
      case "\\\\":
        return "\\";
      case "\\t":
        return "\t";
      case '\\"':
        return '"';
      case "\\r\\n":
      case "\\n":
      case "\\r":
        return "\n";
      default:
        return "\u001b";
    }
  });
}

/** Puts back the line breaks of a traceback or stack that was pasted as one line. */
function unflatten(text: string): string {
  return text
    .replace(/[ \t]+(?=Traceback \(most recent call last\))/g, "\n")
    .replace(/(?<=\S)[ \t,]+(?=File "[^"\n]{1,500}", line \d+)/g, "\n")
    .replace(/(?<=\S)[ \t]+(?=(?:The above exception was the direct cause|During handling of the above exception))/g, "\n")
    .replace(/(?<=\S)[ \t]*,?[ \t]{2,}(?=at (?:async )?[\w$.<>[\]]+ \()/g, "\n");
}

/** Chooses the lines worth reading when there are too many: head, tail, and lines that look like errors. */
function boundLines(lines: string[]): { lines: string[]; bounded: boolean } {
  if (lines.length <= MAX_LINES) return { lines, bounded: false };
  const keep = new Uint8Array(lines.length);
  for (let i = 0; i < HEAD_LINES; i++) keep[i] = 1;
  for (let i = lines.length - TAIL_LINES; i < lines.length; i++) keep[i] = 1;
  let hints = 0;
  // Latest first: the error is usually at the end of what was pasted.
  for (let i = lines.length - TAIL_LINES - 1; i >= HEAD_LINES && hints < MAX_HINT_LINES; i--) {
    if (HINT.test(lines[i]!.slice(0, 300))) {
      keep[i] = 1;
      hints++;
    }
  }
  return { lines: lines.filter((_, i) => keep[i]), bounded: true };
}

/** Removes a quoting prefix that most lines share: "# " from a comment, "> " from an email or issue. */
function stripQuotePrefix(lines: string[]): string[] {
  const nonEmpty = lines.filter((l) => l.trim());
  for (const prefix of [/^\s*#\s?/, /^\s*>\s?/]) {
    const count = nonEmpty.filter((l) => prefix.test(l)).length;
    if (nonEmpty.length > 1 && count >= nonEmpty.length * 0.6) return lines.map((l) => l.replace(prefix, ""));
  }
  return lines;
}

function isExceptionName(name: string): boolean {
  return name.length <= 160 && EXCEPTION_NAME.test(name);
}

type Collector = {
  add(text: string, zone: Zone): void;
  addTerm(term: string, weight: number): void;
  phrase(text: string, zone: Zone): void;
};

export function analyzeQuery(raw: string): QueryAnalysis {
  const formats = new Set<string>();
  const exceptions: string[] = [];
  const codes: string[] = [];
  const messages: string[] = [];
  const termWeights = new Map<string, number>();
  const termCounts = new Map<string, number>();
  const stream: string[] = [];
  const streamWeights: number[] = [];

  const collector: Collector = {
    add(text, zone) {
      const base = ZONE_WEIGHT[zone];
      tokenize(text, (term, weight) => collector.addTerm(term, base * weight));
    },
    addTerm(term, weight) {
      const had = termWeights.get(term);
      if (had === undefined || had < weight) termWeights.set(term, weight);
      termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
    },
    phrase(text, zone) {
      if (stream.length >= MAX_STREAM) return;
      const w = ZONE_WEIGHT[zone];
      for (const t of phraseTokens(text)) {
        stream.push(t);
        streamWeights.push(w);
      }
    },
  };

  if (/\u001b\[|\[\d{1,2}(?:;\d{1,3})*m/.test(raw.slice(0, 20_000))) formats.add("ANSI colour codes");
  let text = stripAnsi(raw);
  const beforeUnescape = text;
  text = unescapeJson(text);
  if (text !== beforeUnescape) formats.add("escaped newlines (JSON log)");
  text = unflatten(text);
  const allLines = text.split(/\r\n|\r|\n/);
  const { lines: boundedLines, bounded } = boundLines(allLines);
  let lines = boundedLines.map((l) => (l.length > MAX_LINE_LENGTH ? l.slice(0, MAX_LINE_LENGTH) : l));
  if (lines.some((l) => BOX.test(l))) {
    BOX.lastIndex = 0;
    if (lines.some((l) => /[╭╰│]/.test(l))) formats.add("rich traceback");
    lines = lines.map((l) => l.replace(BOX, " "));
  }
  lines = stripQuotePrefix(lines);

  // Repeated lines (a retry loop, the same warning 500 times) are read once.
  const seen = new Map<string, number>();
  let inTraceback = false;
  let afterFrame = false;
  let frames = 0;
  // The library of the innermost frame: where the exception was raised (aiohttp, httpx, undici).
  let lastLibrary: string | null = null;
  let lastFrameLibrary: string[] = [];

  for (const original of lines) {
    const line = original.replace(/\t/g, " ");
    const trimmed = line.trim();
    if (!trimmed) {
      afterFrame = false;
      continue;
    }
    const key = trimmed.length > 200 ? trimmed.slice(0, 200) : trimmed;
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    if (repeat > 0) continue;

    for (const [re, label] of FORMATS) if (re.test(line)) formats.add(label);

    if (PY_TRACEBACK.test(line)) {
      formats.add("Python traceback");
      inTraceback = true;
      afterFrame = false;
      continue;
    }
    if (CHAIN.test(line)) {
      formats.add("chained exceptions");
      inTraceback = false;
      continue;
    }
    if (/^[\s^~]+$/.test(line) || /^\s*\.\.\.\s*<\d+ lines>\s*\.\.\.\s*$/.test(line)) continue;

    // Python frame: File "/…/site-packages/aiohttp/streams.py", line 52, in __anext__
    const py = PY_FRAME.exec(line) ?? RICH_FRAME.exec(line);
    if (py) {
      formats.add("Python traceback");
      inTraceback = true;
      afterFrame = true;
      frames++;
      lastFrameLibrary = frameTerms(py[1] ?? "", py[2], collector, "in");
      lastLibrary = lastFrameLibrary[0] ?? null;
      // A traceback pasted without its line breaks carries the source line on the same line.
      const rest = line.slice(py.index + py[0].length).trim();
      if (rest) {
        afterFrame = false;
        lineTerms(clean(rest).text, "source", collector, codes);
      }
      continue;
    }
    // JS, .NET and Java frames: at fn (/path/file.js:12:5), at Namespace.Type.Method (…)
    const at = STACK_FRAME.exec(line);
    if (at && /[(/\\:.]/.test(at[1] ?? "")) {
      formats.add(/\.java:\d+\)|\bSystem\.|Microsoft\./.test(line) ? "stack trace" : "Node.js stack trace");
      afterFrame = true;
      frames++;
      const body = at[1] ?? "";
      const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(body);
      const fn = paren ? paren[1]! : /[\\/]/.test(body) ? "" : body;
      const location = paren ? paren[2]! : fn ? "" : body;
      frameTerms(location.replace(/:\d+(?::\d+)?$/, ""), fn, collector, "at");
      continue;
    }

    const cleaned = clean(line);
    const exc = EXCEPTION_LINE.exec(cleaned.text);
    const name = exc?.[1];
    const endsTraceback = inTraceback && (frames > 0 || afterFrame) && !/^\s/.test(line) && name !== undefined && /^[A-Za-z_][\w.]*$/.test(name) && /[A-Z.]/.test(name);
    if (exc && name && (isExceptionName(name) || endsTraceback)) {
      inTraceback = false;
      afterFrame = false;
      exceptions.push(name);
      collector.add(name, "exception");
      if (lastLibrary) collector.add(lastLibrary, "message");
      // The file that raised it (aiohttp/helpers.py, asyncio/timeouts.py) says as much as its message.
      if (lastFrameLibrary.length) collector.phrase(lastFrameLibrary.join(" "), "message");
      lastLibrary = null;
      lastFrameLibrary = [];
      collector.phrase(name, "exception");
      if (exc[2]) {
        codes.push(exc[2]);
        collector.add(exc[2], "code");
      }
      const message = (exc[3] ?? exc[4] ?? "").trim();
      if (message) {
        messages.push(message.slice(0, 300));
        lineTerms(message, "message", collector, codes);
      }
      for (const other of cleaned.library) collector.add(other, "library");
      continue;
    }
    if (afterFrame && /^\s/.test(line)) {
      // The source line under a frame: low weight, but `asyncio.wait_for(...)` is still a hint.
      afterFrame = false;
      lineTerms(cleaned.text, "source", collector, codes);
      continue;
    }
    afterFrame = false;

    let zone: Zone = "text";
    if (QUIET_LEVEL.test(line)) zone = "text";
    else if (ERROR_LEVEL.test(line) || ERROR_WORDS.test(cleaned.text)) zone = "message";
    let body = cleaned.text;
    body = body.replace(/\[\d+\]|\b\d+#\d+:|\*\d+\b/g, " ");
    if (zone === "message") {
      const message = body.replace(/\s+/g, " ").trim();
      if (message && messages.length < 50) messages.push(message.slice(0, 300));
    }
    lineTerms(body, zone, collector, codes);
    for (const lib of cleaned.library) collector.add(lib, "library");
    for (const other of cleaned.other) collector.add(other, "path");
  }

  // Weight: the strongest place a term was found, a little more when it recurs.
  const terms = new Map<string, number>();
  const ranked = [...termWeights].map(([term, w]) => [term, w * Math.min(1.5, 1 + 0.15 * Math.log(termCounts.get(term) ?? 1))] as const);
  ranked.sort((a, b) => b[1] - a[1]);
  for (const [term, w] of ranked.slice(0, MAX_TERMS)) terms.set(term, w);

  const trimmedRaw = raw.trimEnd();
  const typed = raw.length < 160 && !/[\r\n]/.test(raw) && /[\p{L}\p{N}_]$/u.test(raw);
  const lastWord = typed ? /([\p{L}\p{N}_]+)$/u.exec(trimmedRaw)?.[1]?.toLowerCase() ?? null : null;

  const unique = <T,>(xs: T[]) => [...new Set(xs)];
  const exceptionList = unique(exceptions);
  const codeList = unique(codes);
  const messageList = unique(messages);
  return {
    terms,
    stream,
    streamWeights,
    formats: [...formats],
    exceptions: exceptionList.slice(0, 12),
    codes: codeList.slice(0, 12),
    messages: messageList.slice(0, 12),
    prefix: lastWord && lastWord.length >= 2 ? lastWord : null,
    condensed: condense(raw, exceptionList, codeList, messageList),
    lines: allLines.length,
    bounded,
  };
}

type Cleaned = { text: string; library: string[]; other: string[] };

// Platform log lines (Heroku router, nginx): the request's details, not the error's.
const REQUEST_DETAILS = /\b(?:method|path|host|fwd|dyno|connect|bytes|protocol|request_id|client|server|upstream|request|referrer|referer|remote_addr|user_agent)\s*[=:]\s*(?:"[^"]*"|\S+)/gi;

function clean(line: string): Cleaned {
  const reduced = reducePaths(stripTimestamps(line).replace(REQUEST_DETAILS, " "));
  return { text: stripIds(reduced.text), library: reduced.library, other: reduced.other };
}

/** `keyword` is how the frame names its function ("in wait_for", "at onConnectTimeout"), as signatures quote it. */
function frameTerms(location: string, fn: string | undefined, collector: Collector, keyword: "in" | "at"): string[] {
  const reduced = reducePaths(location.includes("/") || location.includes("\\") || location.startsWith("node:") ? location : `./${location}`);
  for (const lib of reduced.library) {
    collector.add(lib, "library");
    collector.phrase(lib, "frame");
  }
  for (const other of reduced.other) collector.add(other, "path");
  if (fn && !/^<.*>$/.test(fn) && fn !== "null") {
    collector.add(fn.replace(/[<>]/g, " "), "frame");
    // A signature can be a frame ("in wait_for", "at internalConnectMultipleTimeout"): keep it matchable as one.
    collector.phrase(`${keyword} ${fn}`, "frame");
  }
  return reduced.library;
}

function lineTerms(text: string, zone: Zone, collector: Collector, codes: string[]) {
  for (const re of CODE_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (NOT_CODES.has(m[0])) continue;
      codes.push(m[0]);
      collector.add(m[0], "code");
    }
  }
  KEYED_CODE.lastIndex = 0;
  for (const m of text.matchAll(KEYED_CODE)) {
    const value = m[1]!;
    if (/^(?:null|none|true|false|error|ok|-?0|internal|unknown)$/i.test(value)) continue;
    if (/[A-Z0-9_]/.test(value)) {
      const code = value.replace(/^-/, "");
      codes.push(code);
      collector.add(code, "code");
    }
  }
  NUMERIC_CODE.lastIndex = 0;
  for (const m of text.matchAll(NUMERIC_CODE)) {
    const code = m[1] ?? m[2];
    if (!code) continue;
    codes.push(code);
    collector.addTerm(code, ZONE_WEIGHT.code);
  }
  EXCEPTION_ANYWHERE.lastIndex = 0;
  for (const m of text.matchAll(EXCEPTION_ANYWHERE)) collector.add(m[0], zone === "source" ? "message" : "exception");
  collector.add(text, zone);
  collector.phrase(text, zone);
}

/** A short stand-in for a long paste: the lines that name the error, for a shareable URL. */
function condense(raw: string, exceptions: string[], codes: string[], messages: string[]): string {
  if (raw.length <= 1500) return raw.trim();
  const parts = [...exceptions, ...codes, ...messages];
  let out = "";
  for (const part of parts) {
    if (out.length + part.length + 1 > 1500) break;
    if (!out.includes(part)) out += `${out ? "\n" : ""}${part}`;
  }
  return out || stripAnsi(raw).slice(-1500).trim();
}
