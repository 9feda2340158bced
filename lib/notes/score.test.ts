import { expect, test } from "vitest";
import { isFaded, sortByScore } from "./score";

const note = (id: string, up: number, down: number, createdAt: number) => ({ id, up, down, createdAt });

test("without votes, the newest note comes first", () => {
  expect(sortByScore([note("old", 0, 0, 1), note("new", 0, 0, 3), note("mid", 0, 0, 2)]).map((n) => n.id)).toEqual(["new", "mid", "old"]);
});

test("a clearly better share of up votes outweighs a slightly higher net count", () => {
  // 4 up / 0 down (100%, net 4) beats 30 up / 25 down (55%, net 5).
  expect(sortByScore([note("many", 30, 25, 1), note("liked", 4, 0, 1)]).map((n) => n.id)).toEqual(["liked", "many"]);
  // but a net lead with a fair ratio keeps its place: 30 / 20 (60%, net 10) over 9 / 1 (90%, net 8).
  expect(sortByScore([note("liked", 9, 1, 1), note("many", 30, 20, 1)]).map((n) => n.id)).toEqual(["many", "liked"]);
});

test("two votes or fewer do not decide the ratio, so one early downvote does not bury a note", () => {
  expect(sortByScore([note("one-down", 0, 1, 2), note("none", 0, 0, 1)]).map((n) => n.id)).toEqual(["none", "one-down"]);
  expect(sortByScore([note("voted-down", 1, 4, 2), note("quiet", 0, 0, 1)]).map((n) => n.id)).toEqual(["quiet", "voted-down"]);
});

test("age only breaks ties between equally rated notes", () => {
  expect(sortByScore([note("older-better", 5, 0, 1), note("newer", 0, 0, 1000)]).map((n) => n.id)).toEqual(["older-better", "newer"]);
});

test("clearly disliked notes are faded; a single downvote is not", () => {
  expect(isFaded(note("a", 0, 1, 0))).toBe(false);
  expect(isFaded(note("b", 1, 2, 0))).toBe(true);
  expect(isFaded(note("c", 5, 3, 0))).toBe(false);
  expect(isFaded(note("d", 10, 13, 0))).toBe(true);
  expect(isFaded(note("e", 0, 0, 0))).toBe(false);
});
