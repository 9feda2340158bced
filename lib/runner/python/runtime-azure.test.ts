import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

function azure(code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform: "azure-functions", ...extra }).engine;
  return run(code, preset, extra);
}

const app = `
  import json, logging, time
  import azure.functions as func

  app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

  @app.route(route="items/{id:int}", methods=["GET"])
  def get_item(req: func.HttpRequest) -> func.HttpResponse:
      body = {"id": req.route_params["id"], "q": req.params.get("q")}
      return func.HttpResponse(json.dumps(body), mimetype="application/json")

  @app.function_name(name="Report")
  @app.route(route="report")
  def report(req: func.HttpRequest) -> func.HttpResponse:
      time.sleep(250)
      return func.HttpResponse("done")

  @app.route(route="broken")
  def broken(req: func.HttpRequest) -> func.HttpResponse:
      return func.HttpResponse(req.get_json()["name"])

  @app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
  def tick(timer: func.TimerRequest) -> None:
      logging.info("past due: %s", timer.past_due)
      time.sleep(400)
`;

describe("Azure Functions, Python v2 and v1", () => {
  test("the request's path picks the HTTP function by its route under /api; the HttpResponse is the response", async () => {
    const r = await azure(app, { event: { method: "GET", path: "/api/items/7", query: "q=z" } });
    expect(r).toMatchObject({
      verdict: "ok",
      result: { status: 200, headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"id": "7", "q": "z"}' },
    });
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("Azure function get_item (http trigger)");
  });

  test("an HTTP function past 230 s gets the load balancer note; functionTimeout (the preset's 300 s) ends the timer", async () => {
    const slow = await azure(app, { event: { method: "GET", path: "/api/report" } });
    expect(slow.verdict).toBe("ok");
    expect(slow.notes?.find((n) => n.kind === "plan")?.text).toMatch(/has 230 s to respond .*this one ran 250 s/);
    const timer = await azure(app, { handler: "tick" });
    expect(timer).toMatchObject({ verdict: "timeout", deadlineSeconds: 300, line: 24 });
    // The host names the function in its timeout text.
    expect(timer.platformMessage).toMatch(/exceeded by function 'Functions\.tick'/);
    expect(timer.notes?.some((n) => /230 s/.test(n.text)) ?? false).toBe(false);
  });

  test("@app.function_name renames the function; an exception fails the invocation with a 500", async () => {
    const named = await azure(app, { handler: "Report", event: { method: "GET", path: "/api/report" }, timeout: 600 });
    expect(named.timeline.find((s) => s.kind === "handler")?.label).toBe("Azure function Report (http trigger)");
    const broken = await azure(app, { event: { method: "POST", path: "/api/broken", body: "not json" } });
    expect(broken).toMatchObject({ verdict: "error", error: { type: "json.decoder.JSONDecodeError", line: 19 }, result: { status: 500 } });
  });

  test("the v1 model: main(req: func.HttpRequest) gets an HttpRequest built from the event", async () => {
    const r = await azure(
      `
      import azure.functions as func

      def main(req: func.HttpRequest) -> func.HttpResponse:
          name = req.params.get("name") or req.get_json().get("name")
          return func.HttpResponse(f"Hello, {name}.", status_code=200)
      `,
      { event: { method: "POST", path: "/api/HttpTrigger", body: { name: "Ann" } } },
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: "Hello, Ann." } });
  });
});
