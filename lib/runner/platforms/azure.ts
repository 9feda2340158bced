import { NO_PLATFORM_TEXT, dotnetTimeSpan } from "./format";
import { definePreset } from "./plans";
import type { PlatformPreset } from "./types";

// The host names functions `Functions.<name>` after the name they were registered with
// (app.timer("nightlyInvoiceSync", ...), @app.route on def nightly_sync): both engines pass it as
// ctx.entryName, and this stands in for a run that has none.
const FUNCTION_NAME = "handler";

// Whatever functionTimeout says, an HTTP-triggered function has 230 s to answer (Azure Load
// Balancer's idle timeout). Timer and queue triggers have no client waiting, so only HTTP entries.
const httpResponse = {
  seconds: 230,
  only: "http" as const,
  note: "HTTP-triggered Azure Functions must respond within 230 s whatever functionTimeout says (the Azure Load Balancer's idle timeout); the client gets an error then while the function runs on.",
};

const UNBOUNDED_NOTE =
  "No maximum is enforced (functionTimeout \"-1\"), but the scale-in grace period and platform upgrades still end long executions.";

export const azureFunctions: PlatformPreset = definePreset({
  id: "azure-functions",
  name: "Azure Functions",
  defaultPlan: "consumption",
  plans: [
    {
      id: "consumption",
      name: "Consumption plan (now documented as legacy)",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 600,
      minTimeout: 1,
      note: "functionTimeout from 00:00:01 to 00:10:00; larger values are rejected by the host. Linux Consumption is retired; new apps should use Flex Consumption.",
      responseStart: httpResponse,
    },
    {
      id: "flex",
      aliases: ["flex-consumption"],
      name: "Flex Consumption plan",
      clock: "wall",
      defaultTimeout: 1800,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: UNBOUNDED_NOTE,
      responseStart: httpResponse,
    },
    {
      id: "premium",
      name: "Premium plan",
      clock: "wall",
      defaultTimeout: 1800,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: UNBOUNDED_NOTE,
      responseStart: httpResponse,
    },
    {
      id: "dedicated",
      aliases: ["app-service"],
      name: "Dedicated (App Service) plan",
      clock: "wall",
      defaultTimeout: 1800,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: "Unbounded needs Always On.",
      responseStart: httpResponse,
    },
    {
      id: "container-apps",
      name: "Azure Container Apps",
      clock: "wall",
      defaultTimeout: 1800,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: UNBOUNDED_NOTE,
      responseStart: httpResponse,
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Python v2 model: `@app.route(route=...)` on a function in function_app.py; Node.js v4 model: `app.http('name', { handler: async (request, context) => ... })`. functionTimeout is set in host.json as a timespan (`\"00:10:00\"`).",
  countsInit: false,
  initNote:
    "functionTimeout applies to function executions: the clock starts when the trigger starts the execution, so worker start-up is not counted. No separate init limit is documented.",
  message: (ctx) => {
    if (ctx.kind !== "timeout") return NO_PLATFORM_TEXT;
    const span = dotnetTimeSpan(ctx.timeout);
    const name = `Functions.${ctx.entryName ?? FUNCTION_NAME}`;
    return (
      `Timeout value of ${span} exceeded by function '${name}' (Id: '${ctx.requestId}'). Initiating cancellation.\n` +
      `Timeout value of ${span} was exceeded by function: ${name}`
    );
  },
  messageConfidence: "verbatim",
  messageNote:
    "Both sentences are format strings in the WebJobs SDK's FunctionExecutor (the first is logged when the timer fires, the second is the FunctionTimeoutException message). The timespan is .NET TimeSpan.ToString() of the configured functionTimeout. The 'Functions.' prefix of the function name is how the Functions host names functions in posted logs.",
  sources: [
    {
      url: "https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md",
      title: "Function app timeout duration: Consumption 5/10 min, Flex/Premium/Dedicated 30 min/unbounded, HTTP 230 s",
      checked: "2026-11",
    },
    {
      url: "https://github.com/Azure/azure-webjobs-sdk/blob/f79ea0bff76c31048388fde784a9164b5d880c8a/src/Microsoft.Azure.WebJobs.Host/Executors/FunctionExecutor.cs",
      title: "azure-webjobs-sdk FunctionExecutor.cs: 'Timeout value of {0} was exceeded by function: {1}'",
      checked: "2026-11",
    },
    {
      url: "https://learn.microsoft.com/en-us/previous-versions/sandbox/functions-recipes/hostjson",
      title: "Functions recipes, host.json: on Consumption functionTimeout is valid from 00:00:01 to 00:10:00",
      checked: "2026-11",
    },
  ],
  notes:
    "The host cancels the invocation's cancellation token, logs the timeout and fails the invocation with FunctionTimeoutException; for out-of-process languages (Python, Node.js) the worker process is then restarted according to user logs quoted in research notes ('A function timeout has occurred. Restarting worker process...'), not re-checked.",
  unconfirmed: [],
});
