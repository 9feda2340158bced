import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run } from "./libs.fixture";

const comfy = parseWorld({
  responses: [
    {
      match: "WS 127.0.0.1:8188/ws",
      answers: [
        { times: 2, latency: 4, json: { type: "progress" } },
        { times: 1, latency: 25, json: { type: "executing", data: { node: null } } },
      ],
    },
  ],
});

describe("WebSockets: websocket-client and websockets", () => {
  test("websocket-client: each recv takes the rule's next message; the connect timeout stays on the socket and raises WebSocketTimeoutException", async () => {
    const r = await run(
      `
      import json, time, websocket
      def lambda_handler(event, context):
          ws = websocket.WebSocket()
          ws.connect("ws://127.0.0.1:8188/ws?clientId=1", timeout=10)
          t = time.monotonic()
          seen = []
          while True:
              try:
                  msg = json.loads(ws.recv())
              except websocket.WebSocketTimeoutException as e:
                  seen.append([str(e), round(time.monotonic() - t)])
                  continue
              seen.append([msg["type"], round(time.monotonic() - t)])
              if msg["type"] == "executing":
                  return seen
    `,
      comfy,
    );
    expect(r.result).toEqual([
      ["progress", 4],
      ["progress", 8],
      ["Connection timed out", 18],
      ["Connection timed out", 28],
      ["executing", 33],
    ]);
    expect(network(r).filter((s) => s.label?.startsWith("WS ")).length).toBe(5);
  });

  test("once the rule's messages run out, recv with no timeout waits until the deadline", async () => {
    const r = await run(
      `
      import websocket
      def lambda_handler(event, context):
          ws = websocket.create_connection("ws://127.0.0.1:8188/ws")
          for _ in range(4):
              ws.recv()
    `,
      { timeout: 120, ...comfy },
    );
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 120, line: 5 });
  });

  test("websockets: open_timeout 10 s on a dropped host; a refused one fails at once; recv honours asyncio.wait_for", async () => {
    const r = await run(
      `
      import asyncio, websockets
      async def main():
          out = []
          try:
              await websockets.connect("ws://slow.example.com/ws")
          except TimeoutError as e:
              out.append(str(e))
          try:
              await websockets.connect("ws://localhost:9999/ws")
          except OSError as e:
              out.append(str(e))
          async with websockets.connect("ws://127.0.0.1:8188/ws") as conn:
              out.append(await conn.recv())
              try:
                  await asyncio.wait_for(conn.recv(), 2)
              except asyncio.TimeoutError:
                  out.append("wait_for gave up")
          return out
      def lambda_handler(event, context):
          return asyncio.run(main())
    `,
      parseWorld({
        responses: [
          { match: "slow.example.com", connection: "dropped" },
          { match: "localhost:9999", connection: "refused" },
          { match: "WS 127.0.0.1:8188/ws", answers: [{ times: 1, latency: 1, text: "hello" }, { latency: 30, text: "late" }] },
        ],
      }),
    );
    expect(r.result).toEqual([
      "timed out during opening handshake",
      "[Errno 111] Connect call failed ('127.0.0.1', 9999)",
      "hello",
      "wait_for gave up",
    ]);
    expect(r.elapsedSeconds).toBeGreaterThan(13);
    expect(r.elapsedSeconds).toBeLessThan(13.5);
  });
});
