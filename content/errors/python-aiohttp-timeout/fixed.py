import asyncio
import os

import aiohttp

REPORTS_URL = os.environ.get("REPORTS_URL", "https://reports.analytics.example.com/v2/render")
# Kept back from the function's own timeout to log and return a useful answer.
MARGIN_S = 15


async def render(report_id, params, budget_s):
    # aiohttp's default is ClientTimeout(total=300, sock_connect=30): five minutes for the whole
    # request, however long the function may run. Give it the invocation's remaining time instead.
    timeout = aiohttp.ClientTimeout(total=budget_s, sock_connect=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(REPORTS_URL, json={"report": report_id, "params": params}) as resp:
            resp.raise_for_status()
            return await resp.json()


def lambda_handler(event, context):
    budget_s = context.get_remaining_time_in_millis() / 1000 - MARGIN_S
    try:
        result = asyncio.run(render(event["report_id"], event.get("params", {}), budget_s))
    except TimeoutError:
        # aiohttp's total timeout is a bare TimeoutError with no message: say what timed out.
        print(f"report {event['report_id']} not rendered within {budget_s:.0f} s")
        return {"report_id": event["report_id"], "status": "timed_out", "budget_s": round(budget_s)}
    return {"report_id": event["report_id"], "pages": result["pages"], "url": result["url"]}
