import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

function lambda(code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform: "aws-lambda", ...extra }).engine;
  return run(code, preset, extra);
}

const restEvent = JSON.parse(readFileSync(new URL("../corpus/cases/lambda-powertools-rest/event.json", import.meta.url), "utf8")) as Record<string, unknown>;

const handler = `
  import time
  from aws_lambda_powertools import Logger, Metrics, Tracer
  from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
  from aws_lambda_powertools.event_handler.exceptions import NotFoundError
  from aws_lambda_powertools.logging import correlation_paths
  from aws_lambda_powertools.metrics import MetricUnit
  from aws_lambda_powertools.utilities.typing import LambdaContext

  logger = Logger(service="todos")
  tracer = Tracer()
  metrics = Metrics(namespace="App")
  app = APIGatewayRestResolver()

  @app.get("/todos/<todo_id>")
  @tracer.capture_method
  def get_todo(todo_id: str):
      if todo_id == "0":
          raise NotFoundError(f"todo {todo_id} not found")
      metrics.add_metric(name="TodoRead", unit=MetricUnit.Count, value=1)
      logger.info("reading", todo_id=todo_id)
      time.sleep(float(app.current_event.get_query_string_value("wait", "0")))
      return {"id": todo_id}

  @app.post("/todos")
  def create():
      return Response(status_code=201, content_type="text/plain", body="created")

  @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
  @tracer.capture_lambda_handler
  @metrics.log_metrics
  def lambda_handler(event: dict, context: LambdaContext) -> dict:
      return app.resolve(event, context)
`;

const event = (path: string, extra: Record<string, unknown> = {}) => ({ ...restEvent, path, ...extra });

describe("Powertools for AWS Lambda", () => {
  test("the resolver routes to the view; the result is the REST proxy response; Logger and Metrics print their lines", async () => {
    const r = await lambda(handler, { event: event("/todos/7") });
    expect(r).toMatchObject({
      verdict: "ok",
      result: { statusCode: 200, body: '{"id":"7"}', isBase64Encoded: false, multiValueHeaders: { "Content-Type": ["application/json"] } },
    });
    const [log, emf] = r.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log).toMatchObject({
      level: "INFO", location: "get_todo:20", message: "reading", service: "todos", cold_start: true,
      function_request_id: expect.any(String), correlation_id: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", todo_id: "7",
    });
    expect(Object.keys(log ?? {}).slice(0, 5)).toEqual(["level", "location", "message", "timestamp", "service"]);
    expect(String(log?.timestamp)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\+0000$/);
    expect(emf).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: "App", Dimensions: [[]], Metrics: [{ Name: "TodoRead", Unit: "Count" }] }] },
      TodoRead: [1],
    });
  });

  test("ServiceErrors, Response objects and unknown routes answer as the resolver does", async () => {
    const missing = await lambda(handler, { event: event("/todos/0") });
    expect(missing.result).toMatchObject({ statusCode: 404, body: '{"statusCode":404,"message":"todo 0 not found"}' });
    const nope = await lambda(handler, { event: event("/elsewhere") });
    expect(nope.result).toMatchObject({ statusCode: 404, body: '{"statusCode":404,"message":"Not found"}' });
    const created = await lambda(handler, { event: event("/todos", { httpMethod: "POST" }) });
    expect(created.result).toMatchObject({ statusCode: 201, body: "created", multiValueHeaders: { "Content-Type": ["text/plain"] } });
  });

  test("the decorated lambda_handler is still the entry and Lambda's limit still ends it, on the sleeping line", async () => {
    const r = await lambda(handler, { event: event("/todos/7", { queryStringParameters: { wait: "5" } }) });
    expect(r).toMatchObject({ verdict: "timeout", deadlineSeconds: 3, line: 21 });
    expect(r.platformMessage).toMatch(/Task timed out after 3\.00 seconds/);
  });
});
