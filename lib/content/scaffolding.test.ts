import { describe, expect, test } from "vitest";
import { findScaffolding } from "./scaffolding";

describe("findScaffolding", () => {
  test("names defined for pretending, in Python and JavaScript", () => {
    expect(findScaffolding("def fake_boot():\n    pass\nsimulated_latency = 3\nSIM_BOOT = 90\n", "python").map((p) => p.line)).toEqual([1, 3, 4]);
    expect(findScaffolding("const mockServer = 1;\nexport async function simulateUpload() {}\nfunction fetchModel() {}\n", "js").map((p) => p.line)).toEqual([1, 2]);
  });
  test("ordinary names that merely contain the letters are left alone", () => {
    expect(findScaffolding("similar = 1\ndef simple():\n    pass\nstubborn_retries = 3\n", "python")).toEqual([]);
    expect(findScaffolding("const mockingbird = 1;\nconst mocha = require('mocha');\nconst simpleQueue = [];\n", "js")).toEqual([]);
  });
  test("comments about the simulator or about standing in for real work", () => {
    const found = findScaffolding("x = 1  # the simulator cannot run this\ntime.sleep(12)  # stands in for the GPU\ny = 2  # retry budget\n", "python");
    expect(found.map((p) => p.line)).toEqual([1, 2]);
  });
  test("raising a network failure by hand, or reaching into the simulator", () => {
    expect(findScaffolding('raise requests.ConnectionError("[Errno 111] Connection refused")\nimport _deadline\n', "python").map((p) => p.line)).toEqual([1, 2]);
    expect(findScaffolding('throw new Error("connect ECONNREFUSED 127.0.0.1:8188");\n', "js").map((p) => p.line)).toEqual([1]);
    expect(findScaffolding("except requests.ConnectionError:\n    raise\n", "python")).toEqual([]);
  });
});

