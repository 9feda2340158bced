import { describe, expect, test } from "vitest";
import { analyzeQuery } from "./analyze";
import { phraseTokens } from "./tokenize";

const termsOf = (text: string) => [...analyzeQuery(text).terms.keys()];
const weightOf = (text: string, term: string) => analyzeQuery(text).terms.get(term) ?? 0;

describe("Python tracebacks", () => {
  const chained = `Traceback (most recent call last):
  File "/usr/local/lib/python3.12/site-packages/httpcore/_backends/anyio.py", line 34, in read
    return await self._stream.receive(max_bytes=max_bytes)
httpcore.ReadTimeout

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/app/worker.py", line 88, in handler
    response = await client.post(url, json=payload)
  File "/usr/local/lib/python3.12/site-packages/httpx/_client.py", line 1859, in post
    return await self.request(
httpx.ReadTimeout: The read operation timed out`;

  test("chained with 'The above exception was the direct cause': every exception, the libraries, no paths", () => {
    const a = analyzeQuery(chained);
    expect(a.formats).toEqual(expect.arrayContaining(["Python traceback", "chained exceptions"]));
    expect(a.exceptions).toEqual(["httpcore.ReadTimeout", "httpx.ReadTimeout"]);
    expect(a.messages).toContain("The read operation timed out");
    const terms = [...a.terms.keys()];
    expect(terms).toEqual(expect.arrayContaining(["httpx.readtimeout", "httpcore.readtimeout", "httpx", "httpcore"]));
    for (const noise of ["usr", "local", "site-packages", "app", "88", "1859", "34"]) expect(terms).not.toContain(noise);
    // The exception outweighs a word from a source line.
    expect(a.terms.get("httpx.readtimeout")!).toBeGreaterThan(a.terms.get("payload") ?? 0);
  });

  test("'During handling of the above exception' and a Windows path", () => {
    const a = analyzeQuery(`  File "C:\\projects\\x\\.venv\\Lib\\site-packages\\crawlee\\_utils\\wait.py", line 37, in wait_for
    return await asyncio.wait_for(operation(), timeout.total_seconds())
  File "C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python313\\Lib\\asyncio\\tasks.py", line 507, in wait_for
    return await fut
crawlee.errors.RequestHandlerError

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "C:\\projects\\x\\src\\repro.py", line 20, in <module>
    asyncio.run(main())`);
    expect(a.formats).toContain("chained exceptions");
    expect(a.exceptions).toContain("crawlee.errors.RequestHandlerError");
    expect([...a.terms.keys()]).toEqual(expect.arrayContaining(["crawlee", "asyncio", "asyncio.wait_for", "wait_for"]));
    expect([...a.terms.keys()]).not.toContain("appdata");
  });

  test("a traceback pasted as one line is read line by line", () => {
    const a = analyzeQuery(
      'Traceback (most recent call last): File "/srv/venv/lib/python3.12/site-packages/aiohttp/streams.py", line 52, in __anext__ rv = await self.read_func() File "/srv/venv/lib/python3.12/site-packages/aiohttp/helpers.py", line 685, in __exit__ raise asyncio.TimeoutError from exc_val',
    );
    expect(a.formats).toContain("Python traceback");
    expect([...a.terms.keys()]).toEqual(expect.arrayContaining(["aiohttp", "asyncio.timeouterror"]));
  });

  test("rich's box-drawn traceback", () => {
    const a = analyzeQuery(`╭───────────────────── Traceback (most recent call last) ──────────────────────╮
│ /usr/local/lib/python3.11/site-packages/websocket/_socket.py:118 in recv     │
│                                                                              │
│ ❱ 118 │   │   │   bytes_ = _recv()                                           │
╰──────────────────────────────────────────────────────────────────────────────╯
WebSocketTimeoutException: Connection timed out`);
    expect(a.formats).toContain("rich traceback");
    expect(a.exceptions).toContain("WebSocketTimeoutException");
    expect([...a.terms.keys()]).toContain("websocket");
    expect([...a.terms.keys()].some((t) => /[│╭─]/.test(t))).toBe(false);
  });

  test("a traceback quoted with '# ' on every line", () => {
    const a = analyzeQuery(`#  Traceback (most recent call last):
#   File "/usr/lib64/python3.8/concurrent/futures/_base.py", line 439, in result
#     return self.__get_result()
# concurrent.futures._base.TimeoutError: ('Task Timeout', 1)`);
    expect(a.exceptions).toEqual(["concurrent.futures._base.TimeoutError"]);
    expect(weightOf("concurrent.futures._base.TimeoutError", "concurrent.futures._base.timeouterror")).toBeGreaterThan(0);
  });
});

describe("Node.js stacks", () => {
  test("an error with its cause and code", () => {
    const a = analyzeQuery(`TypeError: fetch failed
    at node:internal/deps/undici/undici:12618:11
    at processTicksAndRejections (node:internal/process/task_queues:95:5) {
  cause: ConnectTimeoutError: Connect Timeout Error
      at onConnectTimeout (node:internal/deps/undici/undici:7760:28)
      at Immediate._onImmediate (node:internal/deps/undici/undici:7748:13) {
    code: 'UND_ERR_CONNECT_TIMEOUT'
  }
}`);
    expect(a.formats).toContain("Node.js stack trace");
    expect(a.exceptions).toEqual(["TypeError", "ConnectTimeoutError"]);
    expect(a.codes).toContain("UND_ERR_CONNECT_TIMEOUT");
    expect(a.messages).toEqual(expect.arrayContaining(["fetch failed", "Connect Timeout Error"]));
    expect([...a.terms.keys()]).toEqual(expect.arrayContaining(["und_err_connect_timeout", "connecttimeouterror", "undici"]));
    expect([...a.terms.keys()]).not.toContain("12618");
    // The code outweighs the frames.
    expect(a.terms.get("und_err_connect_timeout")!).toBeGreaterThan(a.terms.get("undici")!);
  });

  test("a frame's function stays a phrase, as signatures quote frames ('in wait_for', 'at onConnectTimeout')", () => {
    const py = analyzeQuery(`  File "/usr/lib/python3.13/asyncio/tasks.py", line 507, in wait_for\n    return await fut`);
    expect(` ${py.stream.join(" ")} `).toContain(" in wait_for ");
    const js = analyzeQuery(`Error: connect ETIMEDOUT\n    at onConnectTimeout (node:internal/deps/undici/undici:7760:28)`);
    expect(` ${js.stream.join(" ")} `).toContain(" at onconnecttimeout ");
  });

  test("errno codes and [cause] in newer Node", () => {
    const a = analyzeQuery(`Error: connect ETIMEDOUT 10.0.3.17:5432
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {
  errno: -110,
  code: 'ETIMEDOUT',
  syscall: 'connect',
  address: '10.0.3.17',
  port: 5432
}`);
    expect(a.codes).toEqual(expect.arrayContaining(["ETIMEDOUT", "110"]));
    expect([...a.terms.keys()]).not.toContain("5432");
    expect([...a.terms.keys()].some((t) => t.includes("10.0.3"))).toBe(false);
  });
});

describe("log records and platform lines", () => {
  test("a JSON log record with escaped newlines and tabs holding a traceback", () => {
    const a = analyzeQuery(
      String.raw`{"level":"error","time":"2025-03-02T10:11:12.345Z","request_id":"req_8f3a9c2e71","message":"Traceback (most recent call last):\n  File \"/var/task/app.py\", line 41, in handler\n\tresult = fetch_quote(event)\nrequests.exceptions.ReadTimeout: HTTPSConnectionPool(host='quotes.example.com', port=443): Read timed out. (read timeout=60)"}`,
    );
    expect(a.formats).toEqual(expect.arrayContaining(["escaped newlines (JSON log)", "Python traceback"]));
    expect(a.exceptions).toEqual(["requests.exceptions.ReadTimeout"]);
    expect([...a.terms.keys()]).not.toContain("req_8f3a9c2e71");
  });

  test("Lambda START/END/REPORT lines: the report's status, no request ids or durations", () => {
    const text = `START RequestId: 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d Version: $LATEST
2026-11-03T09:14:05.412Z 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d Task timed out after 3.00 seconds
END RequestId: 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d
REPORT RequestId: 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d	Duration: 3000.00 ms	Billed Duration: 3000 ms	Memory Size: 128 MB	Max Memory Used: 71 MB	Status: timeout`;
    const a = analyzeQuery(text);
    expect(a.formats).toContain("AWS Lambda log lines");
    const terms = [...a.terms.keys()];
    expect(terms).toEqual(expect.arrayContaining(["task", "timed", "out", "status", "timeout", "report"]));
    for (const noise of ["6f1d2c3b", "3000", "128", "71", "2026"]) expect(terms.some((t) => t.includes(noise))).toBe(false);
  });

  test("a Heroku router line: the H12 code and description, not the request's details", () => {
    const a = analyzeQuery(
      '2013-08-27T16:10:37.244807+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path=/users host=teams.example.org fwd="203.0.113.9" dyno=web.1 connect=65ms service=30008ms status=503 bytes=0',
    );
    expect(a.formats).toContain("Heroku router log line");
    expect(a.codes).toEqual(expect.arrayContaining(["H12", "503"]));
    const terms = [...a.terms.keys()];
    expect(terms).toEqual(expect.arrayContaining(["h12", "request", "timeout"]));
    for (const noise of ["users", "teams", "web.1", "30008ms"]) expect(terms).not.toContain(noise);
  });

  test("gunicorn and nginx error lines", () => {
    const g = analyzeQuery("[2024-05-02 10:14:03 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:41)");
    expect(g.formats).toContain("gunicorn log line");
    expect(g.messages[0]).toMatch(/WORKER TIMEOUT/);
    const n = analyzeQuery(
      '2017/02/03 16:36:10 [error] 7588#7588: *3345968 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 198.51.100.4, server: example.org, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:4567/api"',
    );
    expect(n.formats).toContain("nginx error log line");
    const terms = [...n.terms.keys()];
    expect(terms).toEqual(expect.arrayContaining(["upstream", "reading", "response", "header"]));
    for (const noise of ["7588", "3345968", "4567", "198"]) expect(terms).not.toContain(noise);
  });

  test("ANSI colour codes, with or without their escape character", () => {
    const a = analyzeQuery("\u001b[91m◈\u001b[39m Function invocation failed: [object Object]\n[31mERROR[0m Task timed out");
    expect(a.formats).toContain("ANSI colour codes");
    expect([...a.terms.keys()].some((t) => /\[|91m|39m|31m/.test(t))).toBe(false);
    expect([...a.terms.keys()]).toEqual(expect.arrayContaining(["function", "invocation", "failed"]));
  });
});

describe("signal and noise", () => {
  test("error codes: Cloudflare 1102 and 10021, Heroku H12, undici codes", () => {
    expect(analyzeQuery("Error 1102: Worker exceeded resource limits").codes).toContain("1102");
    expect(analyzeQuery("Error: Script startup exceeded CPU time limit.\n [code: 10021]").codes).toContain("10021");
    expect(termsOf("code=H12")).toContain("h12");
    expect(analyzeQuery("code: 'UND_ERR_HEADERS_TIMEOUT'").codes).toContain("UND_ERR_HEADERS_TIMEOUT");
  });

  test("dotted names are kept whole, and their parts weigh less", () => {
    const a = analyzeQuery("asyncio.exceptions.TimeoutError");
    expect(a.terms.get("asyncio.exceptions.timeouterror")).toBeGreaterThan(a.terms.get("asyncio") ?? 0);
    expect([...a.terms.keys()]).toContain("timeouterror");
  });

  test("numbers are normalised: 12.01 seconds is the same phrase as 3.00 seconds", () => {
    expect(phraseTokens("Task timed out after 12.01 seconds")).toEqual(phraseTokens("Task timed out after 3.00 seconds"));
    expect(phraseTokens("service=30008ms status=503")).toEqual(phraseTokens("service=30000ms status=503"));
    // An error code is not a measurement.
    expect(phraseTokens("Error 1102")).not.toEqual(phraseTokens("Error 524"));
  });

  test("timestamps, uuids, hex addresses, paths, line numbers, ports and IPs are stripped", () => {
    const terms = termsOf(
      "2024-06-25T19:22:58.186Z 8ed44b00-9a30-45ea-ae43-7347a428582d at 0x7f3a2c1b9e40 in /home/runner/work/app/src/db.py line 93 (index.js:17:1) from 192.168.1.20:8080 to localhost:3000 on Mon Jan 07 2019 10:02:17 GMT+0000 (UTC): pool exhausted",
    );
    expect(terms).toEqual(expect.arrayContaining(["pool", "exhausted"]));
    for (const noise of ["2024", "8ed44b00", "0x7f3a2c1b9e40", "7f3a2c1b9e40", "93", "17", "192", "8080", "3000", "2019", "gmt"]) expect(terms).not.toContain(noise);
  });

  test("an unfinished last word of a typed query is offered as a prefix", () => {
    expect(analyzeQuery("Sandbox.Tim").prefix).toBe("tim");
    expect(analyzeQuery("task timed out ").prefix).toBeNull();
    expect(analyzeQuery("line one\nline two").prefix).toBeNull();
  });
});

describe("bounded work", () => {
  test("a 1 MB paste is analysed quickly, keeping the error at its end", () => {
    const line = "2025-01-01T00:00:00.000Z INFO GET /health 200 1ms request_id=abc123def456\n";
    const text = `${line.repeat(Math.ceil(1_000_000 / line.length))}Traceback (most recent call last):\n  File "/app/x.py", line 1, in <module>\nrequests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const a = analyzeQuery(text);
    const elapsed = performance.now() - started;
    expect(a.bounded).toBe(true);
    expect(a.exceptions).toContain("requests.exceptions.ConnectTimeout");
    expect(a.terms.size).toBeLessThanOrEqual(160);
    expect(elapsed).toBeLessThan(1500);
  });

  test("one enormous line is cut, not scanned forever", () => {
    const started = performance.now();
    const a = analyzeQuery(`${"x".repeat(1_000_000)} TimeoutError`);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(a.lines).toBe(1);
  });
});
