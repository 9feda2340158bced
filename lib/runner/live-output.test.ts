import { expect, test } from "vitest";
import { createLiveOutput } from "./live-output";

function harness(limits = { intervalMs: 100, chunkChars: 10, totalChars: 25 }) {
  let clock = 0;
  const sent: string[] = [];
  const live = createLiveOutput((text) => sent.push(text), () => clock, limits);
  return { live, sent, tick: (ms: number) => (clock += ms) };
}

test("the first write goes at once; later ones wait for the interval, then go together", () => {
  const { live, sent, tick } = harness({ intervalMs: 100, chunkChars: 100, totalChars: 1000 });
  live.write("a\n");
  expect(sent).toEqual(["a\n"]);
  tick(40);
  live.write("b\n");
  tick(40);
  live.write("c\n");
  expect(sent).toEqual(["a\n"]);
  tick(20);
  live.write("d\n");
  expect(sent).toEqual(["a\n", "b\nc\nd\n"]);
});

test("messages are cut to the chunk size and the whole stream to its total", () => {
  const { live, sent, tick } = harness();
  live.write("0123456789ABCDEFGHIJ-xyz");
  expect(sent).toEqual(["0123456789", "ABCDEFGHIJ", "-xyz"]);
  tick(100);
  live.write("more text past the cap");
  expect(sent.join("")).toBe("0123456789ABCDEFGHIJ-xyzm");
  tick(100);
  live.write("ignored");
  live.flush();
  expect(sent.join("")).toHaveLength(25);
});

test("flush sends what waits, once", () => {
  const { live, sent, tick } = harness({ intervalMs: 100, chunkChars: 100, totalChars: 1000 });
  live.write("a");
  tick(10);
  live.write("b");
  live.flush();
  live.flush();
  expect(sent).toEqual(["a", "b"]);
});
