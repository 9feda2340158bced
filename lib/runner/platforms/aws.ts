import { NO_PLATFORM_TEXT, isoTimestamp } from "./format";
import { definePreset } from "./plans";
import type { PlatformPreset } from "./types";

export const awsLambda: PlatformPreset = definePreset({
  id: "aws-lambda",
  name: "AWS Lambda",
  defaultPlan: "standard",
  plans: [
    {
      id: "standard",
      aliases: ["on-demand"],
      name: "Standard (on-demand) Lambda function",
      clock: "wall",
      defaultTimeout: 3,
      maxTimeout: 900,
      minTimeout: 1,
      note: "Timeout in 1 s steps from 1 to 900 s (15 minutes); 3 s unless configured.",
    },
    {
      id: "managed-instances",
      aliases: ["managed-instances-async"],
      name: "Lambda Managed Instances, asynchronous and most event-source-mapping invocations",
      onlyWhenNamed: true,
      clock: "wall",
      defaultTimeout: 3,
      maxTimeout: 5400,
      minTimeout: 1,
      note: "The configuration-timeout page (Italian translation read) allows up to 5,400 s for these invocations; Amazon MQ and DocumentDB mappings excluded.",
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Handler setting `file.function`: Python `def lambda_handler(event, context)`; Node.js `export const handler = async (event, context) => {}` or `exports.handler` (TypeScript is compiled to JavaScript first).",
  countsInit: false,
  initTimeout: 10,
  initNote:
    "Module-level code runs in the Init phase, which has its own 10 s limit for on-demand functions. If Init does not finish in 10 s, Lambda retries it at the first invocation under the function's configured timeout, so a slow import then eats into that invocation. Provisioned concurrency and SnapStart allow up to 130 s or the configured timeout (max 900 s), whichever is higher.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `${isoTimestamp(ctx)} ${ctx.requestId} Task timed out after ${ctx.elapsed.toFixed(2)} seconds`
      : NO_PLATFORM_TEXT,
  messageConfidence: "verbatim",
  messageNote:
    "The sentence `Task timed out after %.2f seconds` is in AWS's Runtime Interface Emulator source (Managed Instances invoke path). Production CloudWatch lines prefix it with the ISO timestamp and request id and print the measured duration (3.01, 5.01 and 10.01 appear in posted logs), whereas the emulator prints the configured timeout; we print the elapsed virtual time. The prefix layout is taken from posted CloudWatch logs, not from an AWS page. The invoke response carries errorType `Sandbox.Timedout`.",
  sources: [
    {
      url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
      title: "Configure Lambda function timeout (default 3 s, 1 s steps up to 900 s)",
      checked: "2026-11",
    },
    {
      url: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html",
      title: "Understanding the Lambda execution environment lifecycle: Init phase limited to 10 s",
      checked: "2026-11",
    },
    {
      url: "https://github.com/aws/aws-lambda-runtime-interface-emulator/blob/4fa21571526087e3a0076b9fecf67a79e3927994/internal/lambda-managed-instances/invoke/utils.go",
      title: "aws-lambda-runtime-interface-emulator: BuildInvokeAppError, 'Task timed out after %.2f seconds'",
      checked: "2026-11",
    },
    {
      url: "https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html",
      title: "Troubleshoot invocation issues in Lambda: function times out during Init phase (Sandbox.Timedout)",
      checked: "2026-11",
    },
    {
      url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/174fd25faa9bb77f44d28d3aa81d9663a6dcf7ae/doc_source/runtimes-context.md",
      title: "Lambda developer guide source (2022): a crash or timeout during Invoke resets the execution environment",
      checked: "2026-11",
    },
  ],
  notes:
    "The invocation is stopped at the deadline and reported as an error; Lambda resets the execution environment (the runtime is shut down and re-initialised on the next invoke, /tmp is kept). Asynchronous invocations are retried by Lambda.",
  unconfirmed: [],
});

export const apiGateway: PlatformPreset = definePreset({
  id: "api-gateway",
  name: "Amazon API Gateway (REST API) in front of Lambda",
  defaultPlan: "rest",
  plans: [
    {
      id: "rest",
      name: "REST API integration timeout, default quota",
      clock: "wall",
      defaultTimeout: 29,
      maxTimeout: 29,
      minTimeout: 0.05,
      note: "timeoutInMillis from 50 to 29,000 ms, default 29,000.",
    },
    {
      id: "rest-raised",
      aliases: ["rest-regional-private-raised"],
      name: "Regional or private REST API after a Service Quotas increase",
      clock: "wall",
      defaultTimeout: 29,
      maxTimeout: 300,
      minTimeout: 0.05,
      note: "Since 2024-06-04 Regional and private REST APIs may exceed 29 s (may require lowering the account throttle quota); edge-optimized APIs cannot. The 300,000 ms ceiling comes from re:Post answers, not an AWS doc page.",
    },
    {
      id: "http-api",
      aliases: ["v2"],
      name: "HTTP API (API Gateway v2)",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 30,
      minTimeout: 0.05,
      note: "TimeoutInMillis from 50 to 30,000 ms, default 30 s; the 30 s maximum cannot be increased.",
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "The handler is the Lambda function behind a Lambda proxy integration: it receives the HTTP request as `event` and returns `{ statusCode, headers, body }`.",
  countsInit: true,
  initNote:
    "The integration timeout is the time API Gateway waits for the integration's response, so a Lambda cold start (Init) inside that wait counts. Inferred from AWS's definition of the setting; not stated in so many words.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `(${ctx.requestId}) Execution failed due to a timeout error\n504 {"message": "Endpoint request timed out"}`
      : `502 {"message": "Internal server error"}`,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "AWS documents HTTP 504 (gateway response INTEGRATION_TIMEOUT) and the execution-log text 'Execution failed due to a timeout error' (Knowledge Center). The response body `{\"message\": \"Endpoint request timed out\"}` is what clients report verbatim, but no AWS page read this session shows it. The error-kind body for a failed Lambda proxy integration is likewise from client reports.",
  sources: [
    {
      url: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigateway/aws.sdk.kotlin.services.apigateway.model/-integration/timeout-in-millis.html",
      title: "API Gateway Integration.timeoutInMillis: 50 to 29,000 ms, default 29,000; longer for Regional or private APIs",
      checked: "2026-11",
    },
    {
      url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html",
      title: "AWS::ApiGatewayV2::Integration TimeoutInMillis: 50 to 30,000 ms for HTTP APIs, default 30 s",
      checked: "2026-11",
    },
    {
      url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/13945642c8779810147a5b1f16054f7c2e8b64bb/doc_source/limits.md",
      title: "API Gateway quotas (archived guide source): HTTP API maximum integration timeout 30 s, cannot be increased",
      checked: "2026-11",
    },
    {
      url: "https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/",
      title: "Amazon API Gateway integration timeout limit increase beyond 29 seconds (2024-06-04)",
      checked: "2026-11",
    },
    {
      url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
      title: "Gateway response types: INTEGRATION_TIMEOUT, default status 504",
      checked: "2026-11",
    },
    {
      url: "https://repost.aws/knowledge-center/api-gateway-504-errors",
      title: "How do I troubleshoot HTTP 504 errors in API Gateway? ('Execution failed due to a timeout error')",
      checked: "2026-11",
    },
  ],
  notes:
    "API Gateway stops waiting and returns 504 to the client; the Lambda function behind it keeps running until its own timeout, and its result is discarded.",
  unconfirmed: ["countsInit"],
});
