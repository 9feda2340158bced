import asyncio
import os

import aiohttp

REPORTS_URL = os.environ.get("REPORTS_URL", "https://reports.analytics.example.com/v2/render")


async def render(report_id, params):
    async with aiohttp.ClientSession() as session:
        async with session.post(REPORTS_URL, json={"report": report_id, "params": params}) as resp:
            resp.raise_for_status()
            return await resp.json()


def lambda_handler(event, context):
    result = asyncio.run(render(event["report_id"], event.get("params", {})))
    return {"report_id": event["report_id"], "pages": result["pages"], "url": result["url"]}
