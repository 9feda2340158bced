// What a log line carries that is different every time and says nothing about the error:
// timestamps, ids, addresses, ports, line numbers. Removed from pastes and from articles alike.

// Control sequences that terminals and CI logs leave in copied text, with or without their ESC.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\[(?:\d{1,3}(?:;\d{1,3})*)m/g;

const TIMESTAMPS: RegExp[] = [
  // 2024-06-25T19:22:58.186Z, 2013-11-27 00:12:19,417, 2023-12-16T12:15:59.515413288Z, +00:00 offsets
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)\b)?)?/g,
  // 2017/02/03 16:36:10 (nginx), 27/Nov/2023:10:02:17 +0000 (access logs)
  /\b\d{4}\/\d{2}\/\d{2}(?: \d{2}:\d{2}:\d{2})?/g,
  /\b\d{1,2}\/[A-Z][a-z]{2}\/\d{4}(?::\d{2}:\d{2}:\d{2})?(?: [+-]\d{4})?/g,
  // Mon Jan 07 2019 10:02:17 GMT+0000 (UTC)
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2},? \d{4}(?: \d{2}:\d{2}:\d{2})?(?: GMT[+-]\d{4})?(?: \([A-Za-z ]+\))?/g,
  // Nov 28 16:12:01 (syslog)
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}\b/g,
  // times of day, 00:01:30 and 10:02:17.123
  /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g,
];

const UUID = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
const HEX = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;
const IPV6 = /\[?\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b\]?(?::\d{1,5})?/gi;
const HOST_PORT = /\b(localhost|[\w-]+(?:\.[\w-]+)+):\d{2,5}\b/g;
// "RequestId: 6f1d...", request_id=abc, x-request-id: ..., InvocationId | 9b9b...
const IDS = /\b(request[-_ ]?id|invocation[-_ ]?id|trace[-_ ]?id|span[-_ ]?id|correlation[-_ ]?id|req[-_]?id|pid|tid|uid|gid|dyno|fwd|sid|port|host)(\s*[:=|]\s*|\s+)(?:"[^"]*"|'[^']*'|[^\s,;)\]]+)/gi;
// `line 92`, `:17:1`, `(index.js:12:5)`; Python's frame lines are parsed before this runs.
const LINE_COL = /,? line \d+\b|:\d+:\d+\b|:\d+(?=\)|\s|$)/g;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;

/** Removes terminal colour codes; kept separate because it also runs before line splitting. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** Removes dates and times of day; runs before paths are read, so 2017/02/03 is not a path. */
export function stripTimestamps(line: string): string {
  let out = line;
  for (const re of TIMESTAMPS) out = out.replace(re, " ");
  return out;
}

/** Removes ids, addresses, ports and line numbers: what changes from one occurrence to the next. */
export function stripIds(line: string): string {
  return line.replace(UUID, " ").replace(IDS, "$1 ").replace(EMAIL, " ").replace(IPV6, " ").replace(IPV4, " ").replace(HOST_PORT, "$1").replace(HEX, " ").replace(LINE_COL, " ");
}

/** Everything above, for text that has no paths worth reading. */
export function stripNoise(line: string): string {
  return stripIds(stripTimestamps(line));
}
