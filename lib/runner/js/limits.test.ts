import { expect } from "vitest";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Limits besides the deadline, on the real presets (prepared as a run is): which one ends a run,
// its text, the note that says so, and the init limit per preset.

const js = (code: string) => code.replace(/^\n/, "");

test("Supabase: 2 s of CPU ends a request long before the 150 s wall clock, with the 546 text", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
Deno.serve(async () => {
  await new Promise((r) => setTimeout(r, 1000));
  let x = 0;
  for (;;) x += Math.sqrt(x + 1);
});`),
      plan: "free",
    },
    "real:supabase-edge",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.limit).toEqual({ kind: "cpu", clock: "cpu", seconds: 2 });
  expect(result.deadlineSeconds).toBe(150);
  // the wall clock at the kill: the 1 s wait plus the 2 s of CPU, not the deadline
  expect(result.elapsedSeconds).toBeGreaterThan(2.9);
  expect(result.elapsedSeconds).toBeLessThan(3.5);
  expect(result.line).toBe(4);
  expect(result.platformMessage).toContain("sb-error-code: WORKER_LIMIT");
  expect(result.platformMessage).toContain("CPU Time exceeded");
  expect(result.notes?.map((note) => note.text).join(" ")).toMatch(/Ended by the 2 s CPU limit per request, before the 150 s deadline/);
}, 20_000);

test("Supabase paid: the 150 s request idle timeout inside the 400 s worker, IDLE_TIMEOUT", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
Deno.serve(async () => {
  await new Promise((r) => setTimeout(r, 200_000));
  return new Response("late");
});`),
      plan: "paid",
    },
    "real:supabase-edge",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.limit).toEqual({ kind: "response", clock: "wall", seconds: 150 });
  expect(result.deadlineSeconds).toBe(400);
  expectSeconds(result.elapsedSeconds, 150);
  expect(result.line).toBe(2);
  expect(result.platformMessage).toBe("504 Gateway Timeout\nsb-error-code: IDLE_TIMEOUT");
});

test("Supabase paid: background work after the response runs on to the worker's 400 s, not the 150 s", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
Deno.serve(() => {
  EdgeRuntime.waitUntil(new Promise((r) => setTimeout(r, 300_000)));
  return new Response("queued");
});`),
      plan: "paid",
    },
    "real:supabase-edge",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toMatchObject({ body: "queued" });
  const timer = result.timeline.find((span) => span.kind === "timer");
  expectSeconds(timer?.end, 300);
  // past the worker's 400 s the task is cut off: the run is the worker's, so it times out
  const long = await engine.run(
    {
      code: js(`
Deno.serve(() => {
  EdgeRuntime.waitUntil(new Promise((r) => setTimeout(r, 500_000)));
  return new Response("queued");
});`),
      plan: "paid",
    },
    "real:supabase-edge",
  );
  expect(long.result.verdict).toBe("timeout");
  expect(long.result.limit).toEqual({ kind: "deadline", clock: "wall", seconds: 400 });
});

test("Netlify Edge: 40 s to the response headers on the 50 ms CPU plan, the wait costing no CPU", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default async (request, context) => {
  await new Promise((r) => setTimeout(r, 45_000));
  return new Response("hi");
};`),
    },
    "real:netlify-edge",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.limit).toEqual({ kind: "response", clock: "wall", seconds: 40 });
  expect(result.deadlineSeconds).toBe(0.05);
  expect(result.line).toBe(2);
  expect(result.platformMessage).toContain("The request timed out.");
  const handler = result.timeline.find((span) => span.kind === "handler");
  expect((handler?.end ?? 0) - (handler?.start ?? 0)).toBeCloseTo(40, 1);
});

test("Netlify Edge: a response returned in time streams on; only CPU counts after it", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default async () => {
  let n = 0;
  const body = new ReadableStream({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 30_000));
      if (++n > 3) controller.close();
      else controller.enqueue(new TextEncoder().encode("tick\\n"));
    },
  });
  return new Response(body);
};`),
    },
    "real:netlify-edge",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toMatchObject({ body: "tick\ntick\ntick\n" });
});

test("Azure: an HTTP trigger answers within 230 s whatever functionTimeout says; a timer trigger runs to its 300 s", async ({ engine }) => {
  const wait = (trigger: string) =>
    js(`
const { app } = require("@azure/functions");
app.${trigger}("slowJob", {${trigger === "timer" ? ' schedule: "0 0 2 * * *",' : ""}
  handler: async () => {
    await new Promise((r) => setTimeout(r, 250_000));
    return { body: "done" };
  },
});`);
  const http = await engine.run({ code: wait("http"), event: { method: "GET", url: "https://app.example.com/api/slowJob" } }, "real:azure-functions");
  expect(http.result.verdict).toBe("timeout");
  expect(http.result.limit).toEqual({ kind: "response", clock: "wall", seconds: 230 });
  expectSeconds(http.result.elapsedSeconds, 230);
  expect(http.result.platformMessage).toBeNull();
  expect(http.result.notes?.some((note) => /HTTP-triggered Azure Functions must respond within 230 s/.test(note.text))).toBe(true);
  const timer = await engine.run({ code: wait("timer") }, "real:azure-functions");
  expect(timer.result.verdict).toBe("ok");
  expect(timer.result.elapsedSeconds).toBeCloseTo(250, 0);
  expect(timer.result.notes ?? []).toEqual([]);
});

test("Azure: the timeout text names the function as it was registered", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
const { app } = require("@azure/functions");
app.timer("nightlyInvoiceSync", { schedule: "0 0 2 * * *", handler: () => new Promise(() => setTimeout(() => {}, 10_000_000)) });`),
    },
    "real:azure-functions",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.platformMessage).toContain("exceeded by function 'Functions.nightlyInvoiceSync'");
});

test("Cloudflare: global scope past 1 s of startup CPU rejects the upload with 10021 before any request", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
const table = [];
for (let i = 0; ; i++) table.push(Math.sqrt(i));
export default { fetch: () => new Response("never") };`),
      plan: "paid",
    },
    "real:cloudflare-workers",
  );
  expect(result.verdict).toBe("error");
  expect(result.error).toMatchObject({ type: "Error", message: "Script startup exceeded CPU time limit. [code: 10021]", line: 2 });
  expect(result.limit).toEqual({ kind: "init", clock: "cpu", seconds: 1 });
  expect(result.platformMessage).toContain("Your Worker failed validation because it exceeded startup limits.");
  expect(result.timeline.some((span) => span.kind === "handler")).toBe(false);
}, 20_000);

test("Lambda keeps its 10 s INIT: past it the init runs again inside the invoke, against the timeout", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
await new Promise((r) => setTimeout(r, 12_000));
export const handler = async () => "ready";`),
      timeout: 30,
    },
    "real:aws-lambda",
  );
  expect(result.verdict).toBe("ok");
  // counted from the start of init once it had to be redone inside the invoke
  expectSeconds(result.elapsedSeconds, 12);
});

test("a platform with no separate init limit holds module code to the request's deadline", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
await new Promise((r) => setTimeout(r, 90_000));
export default function handler(req, res) { res.status(200).send("ok"); }`),
      timeout: 60,
    },
    "real:gcp-functions",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.limit).toEqual({ kind: "deadline", clock: "wall", seconds: 60 });
  expect(result.line).toBe(1);
});

test("Workers: a promise nothing can settle fails at once with workerd's text, on the await it is stuck at", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default {
  async fetch(request) {
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    await fetch("https://api.example.com/page");
    await writer.write(new TextEncoder().encode("line\\n"));
    return new Response(readable);
  },
};`),
      plan: "paid",
      event: { method: "GET", url: "https://shop.example.com/export" },
    },
    "real:cloudflare-workers",
  );
  expect(result.verdict).toBe("error");
  expect(result.error?.message).toMatch(/^The Workers runtime canceled this request because it detected that your Worker's code had hung and would never generate a response\. Refer to: https:\/\/developers\.cloudflare\.com\/workers\/observability\/errors\/$/);
  expect(result.line).toBe(6);
  expect(result.platformMessage?.split("\n")[0]).toBe("GET https://shop.example.com/export - Exception Thrown @ 11/1/2026, 12:00:00 AM");
});

test("a Node handler stuck on a promise that never settles times out on that await's line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const never = () => new Promise(() => {});
export const handler = async () => {
  await fetch("https://api.example.com/");
  const value = await never();
  return value;
};`),
  });
  // Lambda's runtime sees an empty loop and fails the invocation; the line is the stuck await
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("Runtime.NodeJsExit");
  expect(result.line).toBe(4);
});

test("Vercel: a handler waiting on nothing times out at the deadline on the await it is stuck at", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export async function GET(request) {
  const body = await request.json().catch(() => ({}));
  await new Promise(() => {});
  return Response.json(body);
}`),
  }, "vercel");
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(3);
});

test("Cloud Run behind ESPv2: the proxy gives up at 15 s with its own 504 body", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default async function handler(req, res) {
  await new Promise((r) => setTimeout(r, 20_000));
  res.status(200).json({ ok: true });
}`),
      plan: "espv2",
    },
    "real:cloud-run",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(15);
  expect(result.platformMessage).toBe('HTTP 504 Gateway Timeout\n{"code":504,"message":"upstream request timeout"}');
});

test("Deno Deploy Classic: CPU past 50 ms is its time-limit event; the current platform has no limit", async ({ engine }) => {
  const code = js(`
Deno.serve(() => {
  let x = 0;
  for (let i = 0; i < 5e9; i++) x += i;
  return new Response(String(x));
});`);
  const classic = await engine.run({ code, plan: "classic-free" }, "real:deno-deploy");
  expect(classic.result.verdict).toBe("timeout");
  expect(classic.result.limit).toEqual({ kind: "deadline", clock: "cpu", seconds: 0.05 });
  expect(classic.result.platformMessage).toMatch(/^CPU time limit exceeded, see https:\/\/docs\.deno\.com\/deploy\/manual\/pricing-and-limits \(urn:dd-time-limit:deno:[0-9a-z]{12}:[0-9a-f-]{36}\)\n502 TIME_LIMIT$/);
  expect(classic.result.notes?.map((note) => note.text).join(" ")).toMatch(/average across many requests/);
  const wait = await engine.run({ code: js(`Deno.serve(async () => { await new Promise((r) => setTimeout(r, 90_000)); return new Response("ok"); });`), timeout: 120 }, "real:deno-deploy");
  expect(wait.result.verdict).toBe("ok");
  expect(wait.result.elapsedSeconds).toBeCloseTo(90, 0);
}, 20_000);

test("Web Crypto on a CPU clock costs the work itself: PBKDF2's iterations count, the host thread's wait does not", async ({ engine }) => {
  const derive = (iterations: number) =>
    js(`
export default {
  async fetch() {
    const secret = new TextEncoder().encode("correct horse battery staple");
    const key = await crypto.subtle.importKey("raw", secret, "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: secret, iterations: ${iterations} }, key, 256);
    for (let i = 0; i < 5; i++) await crypto.subtle.digest("SHA-256", secret);
    return new Response(String(bits.byteLength));
  },
};`);
  // limits.cpu_ms = 50 on the Paid plan
  const light = await engine.run({ code: derive(1), plan: "paid", timeout: 0.05 }, "real:cloudflare-workers");
  expect(light.result.verdict).toBe("ok");
  expect(light.result.result).toMatchObject({ body: "32" });
  // ten million iterations are seconds of hashing on any machine: far past 50 ms
  const heavy = await engine.run({ code: derive(10_000_000), plan: "paid", timeout: 0.05 }, "real:cloudflare-workers");
  expect(heavy.result.verdict).toBe("timeout");
  expect(heavy.result.limit).toEqual({ kind: "deadline", clock: "cpu", seconds: 0.05 });
}, 30_000);

test("a CPU-time plan without a startup limit does not bill module code to the request", async ({ engine }) => {
  const { result } = await engine.run(
    {
      // a key derived at module level: hundreds of milliseconds of CPU on any machine
      code: js(`
const secret = new TextEncoder().encode("module-level secret");
const key = await crypto.subtle.importKey("raw", secret, "PBKDF2", false, ["deriveBits"]);
const derived = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: secret, iterations: 3_000_000 }, key, 256);
export default async () => new Response(String(derived.byteLength));`),
    },
    "real:netlify-edge",
  );
  expect(result.verdict).toBe("ok");
  const init = result.timeline.find((span) => span.kind === "init");
  expect((init?.end ?? 0) - (init?.start ?? 0)).toBeGreaterThan(0.05);
  expect(result.elapsedSeconds).toBeLessThan(0.05);
}, 20_000);
