// Every real handler in the corpus, run through the Node simulator exactly as `deadline simulate`
// runs it, must get the verdict, line and rough timing the real platform would show (its
// case.json says which and why). A case the simulator cannot do yet is listed in KNOWN_GAPS with
// the reason, and its test then asserts that it still fails: the list can only shrink honestly.
import { afterAll, describe, expect, test } from "vitest";
import { createNodeSimulator } from "../node/simulator";
import { getPlatform } from "../platforms";
import { UsageError } from "../prepare";
import { judge, loadCorpus, requestFor } from "./corpus";

/** id → what the simulator lacks for it. */
const KNOWN_GAPS: Record<string, string> = {};

const simulator = createNodeSimulator({ hardLimitMs: 60_000 });
afterAll(() => simulator.close());

const cases = loadCorpus();

describe("the corpus of real handlers", () => {
  test("holds at least 30 cases, and at least 90 % of them are not known gaps", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const gaps = cases.filter((c) => c.id in KNOWN_GAPS).length;
    expect(gaps / cases.length).toBeLessThanOrEqual(0.1);
    for (const id of Object.keys(KNOWN_GAPS)) expect(cases.map((c) => c.id)).toContain(id);
  });

  // A CPU clock is real CPU time, and on a machine busy with other test files a 10 ms budget
  // (Cloudflare Free) can be stretched past its limit by one descheduling: those cases get a
  // second try, which a real change in the verdict fails too.
  const onCpuClock = (c: (typeof cases)[number]) => getPlatform(c.platform).clock === "cpu";
  const run = async (_id: string, c: (typeof cases)[number]) => {
    let verdict: { pass: boolean; mismatches: string[] };
    try {
      const result = await simulator.simulate(requestFor(c));
      verdict = judge(c, result);
      if (!verdict.pass && result.error) verdict.mismatches.push(`${result.error.type}: ${result.error.message.split("\n")[0]}`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      verdict = { pass: false, mismatches: [`refused: ${error.message}`] };
    }
    if (c.id in KNOWN_GAPS) {
      expect(verdict.pass, `${c.id} now passes: remove it from KNOWN_GAPS ("${KNOWN_GAPS[c.id]}")`).toBe(false);
    } else {
      expect(verdict.mismatches, c.why).toEqual([]);
    }
  };
  test.each(cases.filter((c) => !onCpuClock(c)).map((c) => [c.id, c] as const))("%s", run);
  test.each(cases.filter(onCpuClock).map((c) => [c.id, c] as const))("%s (CPU clock)", { retry: 1 }, run);
});
