import { expect, test } from "vitest";
import { bodyKey } from "./body-key";
import { analyse } from "./render.server";
import { triage } from "./spam";

const decide = (body: string, hasApprovedBefore = false, name: string | null = null) => triage({ analysis: analyse(body), name, hasApprovedBefore });

test("a plain note from anyone is published", () => {
  expect(decide("Raising executionTimeout to 600 s fixed it on runpod-python 1.12.")).toEqual({ status: "approved", reason: null, links: 0 });
});

test("a link from a first-time poster waits; from a poster with an approved note it does not", () => {
  const body = "The maintainers explain it in https://github.com/runpod/runpod-python/issues/25 quite well.";
  expect(decide(body)).toMatchObject({ status: "pending", reason: "a link from a first-time poster", links: 1 });
  expect(decide(body, true)).toMatchObject({ status: "approved", links: 1 });
});

test("the spam checks queue what a person should read first", () => {
  expect(decide("Best casino bonus here, works with every handler timeout.", true).reason).toBe("spam: a word spam uses");
  expect(decide("A normal enough note about timeouts.", true, "cheap viagra").reason).toBe("spam: a word spam uses");
  expect(decide("THIS FIX IS THE ONLY ONE THAT WORKS FOR THE TIMEOUT EVER", true).reason).toBe("spam: mostly capitals");
  expect(decide("timeout fixed!!!!!!!!!!!!!!!!!!!!!!!!!", true).reason).toBe("spam: a character repeated 20 times");
  expect(decide("see https://a.example/x", true).reason).toBe("spam: little besides links");
});

test("duplicates are found whatever the case and spacing", () => {
  expect(bodyKey("Set  the\nTimeout ")).toBe(bodyKey("set the timeout"));
  expect(bodyKey("set the timeout")).not.toBe(bodyKey("set the timeouts"));
});
