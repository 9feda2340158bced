import { describe, expect, it } from "vitest";
import { breakPieces } from "./break-points";

describe("breakPieces", () => {
  it("breaks a dotted path after each dot, never inside a name", () => {
    expect(breakPieces("runpod.serverless.utils.rp_upload")).toEqual(["runpod.", "serverless.", "utils.", "rp_", "upload"]);
  });

  it("breaks an upper-case constant after its underscores", () => {
    expect(breakPieces("FUNCTION_INVOCATION_TIMEOUT")).toEqual(["FUNCTION_", "INVOCATION_", "TIMEOUT"]);
  });

  it("breaks between camelCase words and after an opening bracket", () => {
    expect(breakPieces("StableDiffusionXLPipeline.from_pretrained(")).toEqual(["Stable", "Diffusion", "XLPipeline.", "from_", "pretrained("]);
    expect(breakPieces("getRemainingTimeInMillis()")).toEqual(["get", "Remaining", "Time", "InMillis()"]);
  });

  it("breaks a URL after its slashes and query marks", () => {
    expect(breakPieces("https://api.runpod.ai/v2/endpoint/runsync?wait=90000").join("|")).toBe("https://|api.|runpod.|ai/|v2/|endpoint/|runsync?|wait=|90000");
  });

  it("leaves short runs and the text between spaces alone, and gives the text back", () => {
    expect(breakPieces("time.sleep")).toEqual(["time.sleep"]);
    expect(breakPieces("a b.c d")).toEqual(["a b.c d"]);
    const text = "Task timed out after 3.00 seconds in requests.adapters.HTTPAdapter";
    expect(breakPieces(text).join("")).toBe(text);
    expect(breakPieces(text)).toEqual(["Task timed out after 3.00 seconds in requests.", "adapters.", "HTTPAdapter"]);
  });

  it("keeps at least three characters on each side of a break", () => {
    for (const piece of breakPieces("__init__.py_x.ab_cd.efghij")) expect(piece.length).toBeGreaterThanOrEqual(3);
    expect(breakPieces("__init__")).toEqual(["__init__"]);
  });
});
