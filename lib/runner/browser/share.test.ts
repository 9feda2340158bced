import { describe, expect, test } from "vitest";
import { decodeState, encodeState, readShareLink, type EditorState } from "./share";

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

describe("reading a hash says what it holds", () => {
  const deflate = async (text: string) => {
    const bytes = new Uint8Array(await new Response(new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    return `#run=${Buffer.from(bytes).toString("base64url")}`;
  };

  test("not a share link: nothing for the editor", async () => {
    expect(await readShareLink("#cause-2")).toEqual({ kind: "none" });
    expect(await readShareLink("")).toEqual({ kind: "none" });
  });

  test("a whole link: the state", async () => {
    expect(await readShareLink(`#${await encodeState(state)}`)).toEqual({ kind: "shared", state });
  });

  test("a link cut short or altered is damaged, with a reason a person can act on", async () => {
    const hash = await encodeState(state);
    expect(await readShareLink(hash.slice(0, -6))).toEqual({ kind: "damaged", problem: expect.stringMatching(/cut short or changed/) });
    expect(await readShareLink("#run=%%%")).toMatchObject({ kind: "damaged" });
    expect(await readShareLink(await deflate("[1, 2]"))).toEqual({ kind: "damaged", problem: "it unpacks, but not into editor settings" });
    expect(await readShareLink(await deflate('{"v": 2, "language": "python"}'))).toEqual({ kind: "damaged", problem: "it holds no handler code and platform" });
    expect(await readShareLink(await deflate('{"v": 7, "code": "x", "platform": "runpod"}'))).toMatchObject({ kind: "damaged", problem: expect.stringContaining("newer version") });
  });
});
