import json
import os
import re
import urllib.request
from datetime import datetime, timedelta, timezone

import modal

app = modal.App("example-docs-404-monitor")

slack_image = modal.Image.debian_slim(python_version="3.12").uv_pip_install("slack-sdk~=3.33")

DATADOG_API_URL = "https://api.datadoghq.com/api/v2/logs/analytics/aggregate"
LEGITIMATE_PATH_RE = re.compile(r"^/docs/[a-zA-Z0-9_./-]+$")


def query_datadog_404s(from_time="now-7d", to_time="now", limit=50):
    body = {
        "filter": {
            "query": "service:nginx-public @http.status_code:404 @http.url_details.path:/docs/*",
            "from": from_time,
            "to": to_time,
        },
        "compute": [{"aggregation": "count", "type": "total"}],
        "group_by": [{"facet": "@http.url_details.path", "limit": limit}],
    }
    headers = {
        "DD-API-KEY": os.environ["DD_API_KEY"],
        "DD-APPLICATION-KEY": os.environ["DD_APP_KEY"],
        "Content-Type": "application/json",
    }
    req = urllib.request.Request(DATADOG_API_URL, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req) as resp:
        data = json.loads(resp.read())

    results = []
    for bucket in data["data"]["buckets"]:
        path = bucket["by"]["@http.url_details.path"]
        if LEGITIMATE_PATH_RE.match(path):
            results.append({"path": path, "count": bucket["computes"]["c0"]})
    results.sort(key=lambda r: r["count"], reverse=True)
    return results


def format_slack_message(results, from_dt, to_dt):
    date_range = f"{from_dt.strftime('%b %d')} - {to_dt.strftime('%b %d, %Y')}"
    if not results:
        return {"text": f"No legitimate 404s found for docs pages ({date_range})."}
    total = sum(r["count"] for r in results)
    lines = [f"*{r['count']:,}*  `{r['path']}`" for r in results[:25]]
    return {"text": f"Docs 404 Report ({date_range}): {total:,} hits across {len(results)} paths", "blocks": lines}


@app.function(image=slack_image, secrets=[modal.Secret.from_name("docs-404-slack", required_keys=["SLACK_BOT_TOKEN"])])
def post_to_slack(message_payload: dict):
    import slack_sdk

    client = slack_sdk.WebClient(token=os.environ["SLACK_BOT_TOKEN"])
    channel = os.environ.get("SLACK_CHANNEL", "#docs-alerts")
    client.chat_postMessage(channel=channel, text=message_payload["text"], blocks=message_payload.get("blocks"))


@app.function(secrets=[modal.Secret.from_name("datadog", required_keys=["DD_API_KEY", "DD_APP_KEY"])])
def analyze_docs_404s(from_time: str = "now-7d", to_time: str = "now"):
    results = query_datadog_404s(from_time=from_time, to_time=to_time)
    print(f"Found {len(results)} legitimate 404 paths")
    now = datetime.now(tz=timezone.utc)
    message = format_slack_message(results, now - timedelta(days=7), now)
    post_to_slack.remote(message)


@app.function(schedule=modal.Cron("0 9 * * 1"))
def weekly_report():
    analyze_docs_404s.remote()


@app.local_entrypoint()
def main(from_time: str = "now-7d", to_time: str = "now"):
    analyze_docs_404s.remote(from_time=from_time, to_time=to_time)
