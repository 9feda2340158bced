import { describe, expect, test } from "vitest";
import { decodeShare, decodeState, encodeShare, encodeState, readShareLink, type EditorState, type SharedComparison } from "./share";

const state: EditorState = {
  code: 'import time\n\ndef handler(job):\n    time.sleep(120)  # ünïcode ✓\n    return "done"\n',
  language: "python",
  platform: "runpod",
  timeout: 60,
  event: '{"prompt": "a lighthouse"}',
  latency: [["api.openai.com", 45]],
  responses: [{ match: "GET 127.0.0.1:8188/history/*", answers: '3x 200 {}; 200 {"{{1}}": {}}' }],
  model: "torch, diffusers",
  cost: [["pipe()", 8]],
  handler: "handler",
  env: "OPENAI_API_KEY=sk-test",
  concurrency: 3,
  plan: "pro-fluid",
};

describe("share links", () => {
  test("round-trip the whole editor state through the hash", async () => {
    const hash = await encodeState(state);
    expect(hash).toMatch(/^run=[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${hash}`)).toEqual(state);
  });

  test("compress: a long handler makes a much shorter link", async () => {
    const code = Array.from({ length: 200 }, (_, i) => `    result_${i} = await fetch_thing(session, ${i})`).join("\n");
    const hash = await encodeState({ ...state, code });
    expect(hash.length).toBeLessThan(code.length / 3);
  });

  test("links made before world rules existed still open, with empty rules", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ v: 1, code: "x = 1\n", language: "python", platform: "runpod", timeout: null, event: "{}", latency: [] }));
    const deflated = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    const hash = `run=${Buffer.from(deflated).toString("base64url")}`;
    expect(await decodeState(hash)).toEqual({ code: "x = 1\n", language: "python", platform: "runpod", timeout: null, event: "{}", latency: [], responses: [], model: "", cost: [], handler: "", env: "", concurrency: 1, plan: null });
  });

  test("anything that is not a share link, or is damaged, decodes to null", async () => {
    expect(await decodeState("#cause-2")).toBeNull();
    expect(await decodeState("#run=not-base64-deflate")).toBeNull();
    const hash = await encodeState(state);
    expect(await decodeState(hash.slice(0, -6))).toBeNull();
  });
});

describe("share links with a comparison (v3)", () => {
  const fixed = { ...state, code: "pipe = load()\n\ndef handler(job):\n    return pipe(job)\n" };
  const compare = { runs: [{ label: "broken", state }, { label: "fixed", state: fixed }] } satisfies SharedComparison;

  test("round-trip the comparison beside the editor's own state", async () => {
    const hash = await encodeShare({ state: fixed, compare });
    expect(await decodeShare(hash)).toEqual({ state: fixed, compare });
    // Older readers of the same link still get the editor's state.
    expect(await decodeState(hash)).toEqual(fixed);
  });

  test("a link without a comparison is written exactly as before (v2)", async () => {
    const hash = await encodeShare({ state, compare: null });
    expect(hash).toBe(await encodeState(state));
    const json = JSON.parse(new TextDecoder().decode(await inflate(hash)));
    expect(json.v).toBe(2);
    expect(json).not.toHaveProperty("compare");
    expect(await decodeShare(hash)).toEqual({ state, compare: null });
  });

  test("a damaged comparison is dropped and the editor's state still opens", async () => {
    for (const bad of [{ runs: [{ label: "broken", state }] }, { runs: [{ label: "", state }, { label: "fixed", state: fixed }] }, { runs: [{ label: "a", state: { code: 1 } }, { label: "b", state }] }, "nonsense"]) {
      const hash = await deflate({ v: 3, ...state, compare: bad });
      expect(await decodeShare(hash)).toEqual({ state, compare: null });
    }
  });
});

async function inflate(hash: string): Promise<Uint8Array> {
  const bytes = Buffer.from(hash.slice("run=".length), "base64url");
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());
}

async function deflate(json: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  const out = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
  return `run=${Buffer.from(out).toString("base64url")}`;
}

describe("reading a hash says what it holds", () => {
  const deflateText = async (text: string) => {
    const bytes = new Uint8Array(await new Response(new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    return `#run=${Buffer.from(bytes).toString("base64url")}`;
  };

  test("not a share link: nothing for the editor", async () => {
    expect(await readShareLink("#cause-2")).toEqual({ kind: "none" });
    expect(await readShareLink("")).toEqual({ kind: "none" });
  });

  test("a whole link: the state", async () => {
    expect(await readShareLink(`#${await encodeState(state)}`)).toEqual({ kind: "shared", state, compare: null });
  });

  test("a link cut short or altered is damaged, with a reason a person can act on", async () => {
    const hash = await encodeState(state);
    expect(await readShareLink(hash.slice(0, -6))).toEqual({ kind: "damaged", problem: expect.stringMatching(/cut short or changed/) });
    expect(await readShareLink("#run=%%%")).toMatchObject({ kind: "damaged" });
    expect(await readShareLink(await deflateText("[1, 2]"))).toEqual({ kind: "damaged", problem: "it unpacks, but not into editor settings" });
    expect(await readShareLink(await deflateText('{"v": 2, "language": "python"}'))).toEqual({ kind: "damaged", problem: "it holds no handler code and platform" });
    expect(await readShareLink(await deflateText('{"v": 7, "code": "x", "platform": "runpod"}'))).toMatchObject({ kind: "damaged", problem: expect.stringContaining("newer version") });
  });
});
