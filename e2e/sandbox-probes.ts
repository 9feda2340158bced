// The sandbox's probe corpus: each escape route the issue found, in JS and Python, forged,
// malformed and replayed messages, and the runaway list. sandbox.spec.ts runs them through the
// editor with Playwright; sandbox-crash.spec.ts runs the ones that can kill the runner's process.
export type Lang = "js" | "python";
export type Probe = {
  name: string;
  lang: Lang;
  /**
   * the handler; ORIGIN is replaced by the site's origin, as an attacker would hard-code it, and
   * RUNNER by the runtime's versioned folder on it (the frame's own URL, without frame.html)
   */
  code: string;
  verdict: RegExp;
  /** text the handler printed (what it saw from inside) */
  stdout?: RegExp;
  /** at least this many messages were ignored as not coming from the simulator */
  ignored?: number;
  /** a runaway: the verdict must come within 5 s of real time */
  runaway?: boolean;
  timeout?: number;
};

const G = 'const g = Function("return this")();';
const JS = (body: string) => `export const handler = async () => {\n  ${G}\n${body}\n  return "done";\n};\n`;
// The two ways out of Python's import guard the issue found: strip it, or walk from a bridge object.
// Python's import guard holds (`import js` fails even with sys.meta_path stripped); walking from
// a simulator object to a JS function's constructor does reach the worker's global.
const PY_JS = "import sys\ng = sys.modules['_deadline.state'].current.bridge.hostOf.constructor('return globalThis')()\n";
const PY_BRIDGE = "import sys\ng = sys.modules['_deadline.state'].current.bridge.latencyFor.constructor('return this')()\n";
const PY = (prelude: string, body: string) =>
  `${prelude}\ndef handler(event, context):\n${body
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n")}\n    return "done"\n`;

const tryJs = (label: string, expr: string) => `  try { const r = ${expr}; console.log("${label}: " + (r === undefined ? "undefined" : typeof r)); } catch (e) { console.log("${label} blocked: " + e.name); }`;
const tryPy = (label: string, expr: string) => `try:\n    r = ${expr}\n    print("${label}: " + str(type(r).__name__))\nexcept Exception as e:\n    print("${label} blocked: " + type(e).__name__)`;

const FORGED = (id: string, nonce: string, json: string) => `{ type: "result", id: ${id}, nonce: ${nonce}, json: ${json}, realMs: 1 }`;
const OK_JSON = JSON.stringify(JSON.stringify({ verdict: "ok", platform: "aws-lambda", deadlineSeconds: 30, elapsedSeconds: 0.001, line: null, error: null, platformMessage: null, stdout: "FORGED\n", timeline: [] }));

export const PROBES: Probe[] = [
  // ---- network: our origin, others, every API that makes a request
  { name: "js: fetch GET /api/search through the real global", lang: "js", code: JS(tryJs("fetch", 'g.fetch("ORIGIN/api/search?q=probe-fetch").catch(() => {})')), verdict: /Finished/ },
  { name: "js: fetch POST /api/search", lang: "js", code: JS(tryJs("post", 'g.fetch("ORIGIN/api/search", { method: "POST", body: "probe-post" }).catch(() => {})')), verdict: /Finished/ },
  { name: "js: fetch the home page and another origin", lang: "js", code: JS(`${tryJs("home", 'g.fetch("ORIGIN/").catch(() => {})')}\n${tryJs("foreign", 'g.fetch("https://example.com/probe").catch(() => {})')}`), verdict: /Finished/ },
  { name: "js: synchronous XMLHttpRequest to /api/search", lang: "js", code: JS(tryJs("xhr", '(() => { const x = new g.XMLHttpRequest(); x.open("GET", "ORIGIN/api/search?q=probe-xhr", false); x.send(); return x.status; })()')), verdict: /Finished/, stdout: /xhr blocked: NetworkError/ },
  { name: "js: WebSocket and EventSource", lang: "js", code: JS(`${tryJs("ws", 'new g.WebSocket("ws://localhost:1/probe")')}\n${tryJs("es", 'new g.EventSource("ORIGIN/api/search?q=probe-es")')}`), verdict: /Finished/ },
  { name: "js: import() and importScripts() of our URLs", lang: "js", code: JS(`${tryJs("import", 'g.eval(\'import("ORIGIN/api/search?q=probe-import")\').catch(() => {})')}\n${tryJs("importScripts", 'g.importScripts("ORIGIN/api/search?q=probe-is")')}`), verdict: /Finished/, stdout: /importScripts blocked: NetworkError/ },
  { name: "js: sendBeacon", lang: "js", code: JS(tryJs("beacon", 'g.navigator.sendBeacon("ORIGIN/api/search?q=probe-beacon", "x")')), verdict: /Finished/, stdout: /beacon blocked: TypeError/ },
  // ---- storage
  { name: "js: IndexedDB open and write", lang: "js", code: JS(tryJs("idb", 'g.indexedDB.open("probe")')), verdict: /Finished/, stdout: /idb blocked: (SecurityError|TypeError)/ },
  { name: "js: Cache Storage and the origin's file system", lang: "js", code: JS(`${tryJs("caches", 'g.caches.open("probe")')}\n  g.navigator.storage?.getDirectory().then((d) => d.getFileHandle("probe", { create: true })).catch(() => {});`), verdict: /Finished/, stdout: /caches blocked: (TypeError|SecurityError)/ },
  // ---- peers
  { name: "js: a nested worker", lang: "js", code: JS(tryJs("worker", 'new g.Worker("data:text/javascript,postMessage(1)")')), verdict: /Finished/, stdout: /worker blocked: TypeError/ },
  { name: "js: 200 nested workers from the simulator's own script", lang: "js", code: JS('  let made = 0;\n  for (let i = 0; i < 200; i++) { try { new g.Worker("RUNNER/simulator.worker.js"); made++; } catch {} }\n  console.log("workers made: " + made);'), verdict: /Finished/, stdout: /workers made: 0/ },
  { name: "js: an unbounded worker-spawning loop", lang: "js", code: JS('  let made = 0;\n  for (let i = 0; i < 10000; i++) { try { new (g.Worker ?? g.SharedWorker)("data:text/javascript,for(;;){}"); made++; } catch {} }\n  console.log("workers made: " + made);'), verdict: /Finished/, stdout: /workers made: 0/ },
  { name: "js: BroadcastChannel and SharedWorker", lang: "js", code: JS(`${tryJs("bc", 'new g.BroadcastChannel("deadline").postMessage("hi")')}\n${tryJs("shared", 'new g.SharedWorker("data:text/javascript,1")')}`), verdict: /Finished/, stdout: /bc blocked: TypeError[\s\S]*shared blocked: TypeError/ },
  // ---- forged, malformed and replayed messages
  { name: "js: forged results for every likely run id", lang: "js", code: JS(`  for (let id = 1; id <= 60; id++) g.postMessage(${FORGED("id", '"guess"', OK_JSON)});`), verdict: /Finished/, ignored: 60 },
  { name: "js: forged results with fields of the wrong types", lang: "js", code: JS(`  g.postMessage({ type: "result", id: "1", nonce: 5, json: 7 });\n  g.postMessage({ type: "result", result: { verdict: 42 } });\n  g.postMessage({ type: "failure", id: 1, nonce: null, message: 9 });\n  g.postMessage({ type: "started", id: -1 });`), verdict: /Finished/, ignored: 4 },
  { name: "js: replayed result of an earlier run", lang: "js", code: JS(`  for (let id = 1; id <= 30; id++) g.postMessage(${FORGED("id", '"00000000-0000-4000-8000-000000000000"', OK_JSON)});`), verdict: /Finished/, ignored: 30 },
  { name: "js: a flood of messages", lang: "js", code: JS("  for (let i = 0; i < 100000; i++) g.postMessage(i);"), verdict: /Stopped automatically/ },
  { name: "js: a 50 MB message", lang: "js", code: JS('  g.postMessage({ type: "result", id: 1, nonce: "x", json: "x".repeat(50 * 1024 * 1024), realMs: 1 });'), verdict: /Stopped automatically/ },
  { name: "js: a 300 MB message", lang: "js", code: JS('  g.postMessage("x".repeat(300 * 1024 * 1024));'), verdict: /Finished/, ignored: 1 },
  { name: "js: poisoned postMessage and a forging real timer", lang: "js", code: JS('  const real = g.postMessage.bind(g);\n  g.postMessage = () => real({ type: "result", id: 1, nonce: "x", json: "{}", realMs: 0 });\n  g.setInterval(() => g.postMessage("tick"), 1);\n  g.addEventListener("message", (e) => e.stopImmediatePropagation(), true);'), verdict: /Finished/ },
  { name: "js: work left running after the result", lang: "js", code: JS('  g.setTimeout(() => { for (;;) {} }, 200);\n  g.setInterval(() => g.postMessage(' + FORGED("1", '"x"', OK_JSON) + '), 1);'), verdict: /Finished/ },
  { name: "js: poisoned JSON.stringify (a malformed result)", lang: "js", code: JS('  JSON.stringify = () => \'{"verdict": 42}\';'), verdict: /The simulator returned an invalid result/ },
  // ---- runaways
  { name: "js: an infinite loop", lang: "js", code: JS("  for (;;) {}"), verdict: /Stopped automatically/, runaway: true },
  { name: "js: a loop that catches the interrupt", lang: "js", code: JS("  for (;;) { try { for (;;) {} } catch (e) {} }"), verdict: /Stopped automatically/, runaway: true },
  { name: "js: a loop the guard never sees (Function constructor)", lang: "js", code: JS('  new Function("for (;;) {}")();'), verdict: /Stopped automatically/, runaway: true },
  { name: "js: deep recursion", lang: "js", code: JS("  const f = (n) => f(n + 1) + 1;\n  f(0);"), verdict: /RangeError: Maximum call stack size exceeded/, runaway: true },
  { name: "js: a catastrophic regular expression", lang: "js", code: JS('  /^(a+)+$/.test("a".repeat(40) + "!");'), verdict: /Stopped automatically/, runaway: true },
  { name: "js: an allocation bomb", lang: "js", code: JS("  const a = [];\n  for (;;) a.push(new Array(1e6).fill(0));"), verdict: /Stopped automatically|Ran out of memory|The sandbox crashed, most likely out of memory/, runaway: true },
  { name: "js: an allocation bomb that yields", lang: "js", code: JS("  const a = [];\n  for (;;) { a.push(new Array(1e6).fill(1)); await new Promise((r) => setTimeout(r, 1)); }"), verdict: /Timed out|Ran out of memory|Stopped automatically|The sandbox crashed, most likely out of memory/, runaway: true },
  { name: "js: a 50 MB return value", lang: "js", code: 'export const handler = async () => "x".repeat(50 * 1024 * 1024);\n', verdict: /return value truncated at 66 KB/, runaway: true },
  { name: "js: a 300 MB return value", lang: "js", code: 'export const handler = async () => "x".repeat(300 * 1024 * 1024);\n', verdict: /return value truncated at 66 KB/, runaway: true },
  { name: "js: 50 MB of output", lang: "js", code: JS('  console.log("x".repeat(50 * 1024 * 1024));'), verdict: /output truncated at 262 KB/, runaway: true },
  { name: "js: 300 k timers", lang: "js", code: 'export const handler = async () => {\n  let n = 0;\n  await new Promise((r) => { for (let i = 0; i < 300000; i++) setTimeout(() => { if (++n === 300000) r(); }, i); });\n  return n;\n};\n', verdict: /Finished|Timed out/, runaway: true, timeout: 900 },
  { name: "js: the worker closes itself", lang: "js", code: JS("  g.close();\n  for (;;) {}"), verdict: /Stopped automatically/, runaway: true },
  // ---- Python: the same routes, out of the import guard
  { name: "python: fetch and XHR to /api/search from the worker's global", lang: "python", code: PY(PY_JS, `g.fetch("ORIGIN/api/search?q=probe-py-fetch")\n${tryPy("xhr", '(lambda x: (x.open("GET", "ORIGIN/api/search?q=probe-py-xhr", False), x.send()))(g.XMLHttpRequest.new())')}`), verdict: /Finished/, stdout: /xhr blocked/ },
  { name: "python: POST /api/search via a bridge object's constructor", lang: "python", code: PY(PY_BRIDGE, `g.fetch("ORIGIN/api/search", g.JSON.parse('{"method": "POST", "body": "probe-py-post"}'))\n${tryPy("xhr", '(lambda x: (x.open("POST", "ORIGIN/api/search", False), x.send("probe")))(g.XMLHttpRequest.new())')}`), verdict: /Finished/, stdout: /xhr blocked/ },
  { name: "python: import() of our URL", lang: "python", code: PY(PY_BRIDGE, 'g.eval(\'import("ORIGIN/api/search?q=probe-py-import").catch(() => {})\')'), verdict: /Finished/ },
  { name: "python: IndexedDB, Cache Storage, file system", lang: "python", code: PY(PY_JS, `${tryPy("idb", 'g.indexedDB.open("probe")')}\n${tryPy("caches", 'g.caches.open("probe")')}`), verdict: /Finished/, stdout: /idb blocked[\s\S]*caches blocked/ },
  { name: "python: nested workers and BroadcastChannel", lang: "python", code: PY(PY_BRIDGE, `${tryPy("worker", 'g.Worker.new("data:text/javascript,1")')}\n${tryPy("bc", 'g.BroadcastChannel.new("deadline")')}`), verdict: /Finished/, stdout: /worker blocked[\s\S]*bc blocked/ },
  { name: "python: forged results", lang: "python", code: PY(PY_JS, `for i in range(1, 41):\n    g.postMessage(g.JSON.parse('{"type": "result", "id": %d, "nonce": "guess", "json": ${OK_JSON.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}, "realMs": 1}' % i))`), verdict: /Finished/, ignored: 40 },
  { name: "python: forged malformed result", lang: "python", code: PY(PY_BRIDGE, "g.postMessage(g.JSON.parse('{\"type\": \"result\", \"id\": \"one\", \"json\": 5}'))\ng.postMessage(g.JSON.parse('[1, 2, 3]'))"), verdict: /Finished/, ignored: 2 },
  { name: "python: poisoned JSON.stringify (a malformed result)", lang: "python", code: PY(PY_JS, "g.JSON.stringify = g.eval(\"() => '{\\\"verdict\\\": 42}'\")"), verdict: /The simulator returned an invalid result/ },
  { name: "python: poisoned postMessage", lang: "python", code: PY(PY_BRIDGE, "g.postMessage = g.eval(\"() => {}\")\ng.eval(\"setInterval(() => postMessage({ type: 'result', id: 1, nonce: 'x', json: '{}', realMs: 0 }), 1)\")"), verdict: /Finished/ },
  // ---- Python runaways
  { name: "python: an infinite loop", lang: "python", code: "def handler(event, context):\n    while True:\n        pass\n", verdict: /Stopped automatically/, runaway: true },
  { name: "python: a loop that catches the interrupt", lang: "python", code: "def handler(event, context):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n", verdict: /Stopped automatically/, runaway: true },
  { name: "python: deep recursion", lang: "python", code: "import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return f(n + 1) + 1\ndef handler(event, context):\n    return f(0)\n", verdict: /RecursionError/, runaway: true },
  { name: "python: a catastrophic regular expression", lang: "python", code: "import re\ndef handler(event, context):\n    return bool(re.match(r'^(a+)+$', 'a' * 40 + '!'))\n", verdict: /Stopped automatically/, runaway: true },
  { name: "python: an allocation bomb", lang: "python", code: "def handler(event, context):\n    a = []\n    while True:\n        a.append(bytearray(10_000_000))\n", verdict: /Ran out of memory|Stopped automatically/, runaway: true },
  { name: "python: a 50 MB return value", lang: "python", code: "def handler(event, context):\n    return 'x' * (50 * 1024 * 1024)\n", verdict: /return value truncated at 66 KB/, runaway: true },
  { name: "python: a 300 MB return value", lang: "python", code: "def handler(event, context):\n    return 'x' * (300 * 1024 * 1024)\n", verdict: /return value truncated at 66 KB/, runaway: true },
  { name: "python: 300 MB of output", lang: "python", code: "def handler(event, context):\n    print('x' * (300 * 1024 * 1024))\n    return 1\n", verdict: /output truncated at 262 KB/, runaway: true },
  { name: "python: 300 k asyncio timers", lang: "python", code: "import asyncio\nasync def main():\n    await asyncio.gather(*(asyncio.sleep(i / 1000) for i in range(300_000)))\ndef handler(event, context):\n    asyncio.run(main())\n    return 1\n", verdict: /Finished|SimulationLimit|Stopped automatically/, runaway: true, timeout: 900 },
  // ---- not a runaway: many short waits are waiting, however long they take
  // Never judged a runaway; on a slow machine the browser's 3.5 s budget may end it first, and says so.
  { name: "python: 300 k short sleeps under a 900 s limit are not a runaway", lang: "python", code: "import time\ndef handler(event, context):\n    for _ in range(300_000):\n        time.sleep(0.001)\n    return 'slept'\n", verdict: /^(Finished in 30[0-9] s|Failed at line 4 after \d+ s: SimulationLimit)/, timeout: 900 },
];

export const CANARY: Record<Lang, string> = {
  js: 'export const handler = async () => {\n  console.log("canary");\n  await new Promise((r) => setTimeout(r, 1500));\n  return { canary: 42 };\n};\n',
  python: "import time\ndef handler(event, context):\n    print('canary')\n    time.sleep(1.5)\n    return {'canary': 42}\n",
};

/**
 * The canary sleeps 1.5 s; the virtual clock also counts the run's own real CPU time, which a
 * loaded machine stretches (lib/runner tests allow up to 0.5 s of it the same way).
 */
export const CANARY_VERDICT = /Finished in 1\.[5-9] s of a 30\.0 s limit\./;

/**
 * Probes that can take the runner frame's process down: a JS bomb allocating 4-8 MB a turn fills
 * V8's heap before the run budget or the loop guard ends it, and the browser offers no per-worker
 * heap limit to stop it sooner. Chromium then ends the frame's process (an out-of-process iframe),
 * not the page; the page notices and restarts the sandbox (lib/runner/browser/client.ts). They run
 * in sandbox-crash.spec.ts, which watches the page without Playwright (see e2e/cdp-pipe.ts).
 */
export const CRASH_PRONE = new Set(["js: an allocation bomb", "js: an allocation bomb that yields"]);

/**
 * Runs in the page: what its own origin has stored (the editor's own draft aside). Self-contained,
 * so either spec can send its source to the page (Playwright's evaluate, or as an expression).
 */
export async function originStorage() {
  const opfs: string[] = [];
  const root = await navigator.storage.getDirectory();
  for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(name);
  return {
    localStorage: Object.keys(localStorage).filter((key) => !key.startsWith("deadline:editor:")),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    caches: await caches.keys(),
    opfs,
    cookie: document.cookie,
  };
}
