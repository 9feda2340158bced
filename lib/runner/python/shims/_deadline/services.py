"""Hosts the simulator models as the service they are, when no response rule answers first.

api.runpod.ai is RunPod's queue-based endpoint API (RunPodQueue). AWS endpoints are answered by
the boto3 stub itself (it knows each operation's response shape), so they need nothing here.
"""

import uuid
from urllib.parse import parse_qs

from . import state


class RunPodQueue:
    """api.runpod.ai/v2/<endpoint_id>/...: RunPod's queue-based endpoint API, per
    docs.runpod.io/serverless/endpoints/operation-reference and runpod-python 1.12.0's client.

    The host's latency rule is the job's duration: seconds from submission until the job is
    COMPLETED (queue time and execution together). The calls themselves answer at once
    (REPLY_SECONDS), except /runsync, which holds the request until the job completes or its wait
    runs out: 90 s by default, `?wait=` in milliseconds clamped to 1000-300000. When the wait runs
    out first it answers {"id", "status": "IN_PROGRESS"} and the job keeps running.

    /run answers {"id", "status": "IN_QUEUE"}; /status/<id> answers IN_PROGRESS until the job is
    done, then {"id", "status": "COMPLETED", "output"}; /cancel/<id> stops a job that has not
    finished (CANCELLED) and leaves a finished one as it is; /health counts this run's jobs in the
    documented shape {"jobs": {...}, "workers": {...}} (worker counts are not modelled: 0);
    /purge-queue answers {"removed": 0, "status": "completed"}, since a job this run submits counts
    as running at once and none waits in the queue. The output is a
    placeholder, {"ok": true}: the simulated endpoint runs no handler. Not modelled: execution
    policies (executionTimeout, ttl), webhooks, /stream, /retry, result expiry, rate limits; any
    other path gets the generic answer. An id this run never submitted gets a 404 (RunPod documents
    a 404 for a job whose TTL expired; the body here is the simulator's own).
    """

    HOST = "api.runpod.ai"
    REPLY_SECONDS = 0.05
    RUNSYNC_WAIT_MS = (1000, 90_000, 300_000)  # min, default, max of ?wait=

    @classmethod
    def reply(cls, method, parts):
        path = [p for p in parts.path.split("/") if p]
        if len(path) < 3 or path[0] != "v2":
            return None
        operation, rest = path[2], path[3:]
        run = state.current
        jobs = getattr(run, "runpod_jobs", None)
        if jobs is None:
            jobs = run.runpod_jobs = {}
        now = run.now()
        if method == "POST" and operation in ("run", "runsync") and not rest:
            duration = run.latency_of(parts.geturl())
            sync = operation == "runsync"
            job_id = f"sync-{uuid.uuid4()}" if sync else f"{uuid.uuid4()}-u1"
            jobs[job_id] = {"done_at": now + duration, "cancelled": False}
            if not sync:
                return cls.REPLY_SECONDS, 200, {"id": job_id, "status": "IN_QUEUE"}
            low, default, high = cls.RUNSYNC_WAIT_MS
            try:
                wait_ms = int(parse_qs(parts.query).get("wait", [default])[0])
            except ValueError:
                wait_ms = default
            wait = min(max(wait_ms, low), high) / 1000
            if duration <= wait:
                return duration, 200, cls._state(job_id, jobs[job_id], now + duration)
            return wait, 200, {"id": job_id, "status": "IN_PROGRESS"}
        if operation == "health" and not rest and method == "GET":
            at = now + cls.REPLY_SECONDS
            states = [cls._state(job_id, job, at)["status"] for job_id, job in jobs.items()]
            return cls.REPLY_SECONDS, 200, {
                "jobs": {
                    "completed": states.count("COMPLETED"),
                    "failed": 0,
                    "inProgress": states.count("IN_PROGRESS"),
                    "inQueue": 0,
                    "retried": 0,
                },
                "workers": {"idle": 0, "running": 0},
            }
        if operation == "purge-queue" and not rest and method == "POST":
            return cls.REPLY_SECONDS, 200, {"removed": 0, "status": "completed"}
        if operation in ("status", "cancel") and len(rest) == 1:
            job_id = rest[0]
            job = jobs.get(job_id)
            if job is None:
                return cls.REPLY_SECONDS, 404, {"error": f"simulated: no job {job_id} was submitted in this run"}
            answered_at = now + cls.REPLY_SECONDS
            if operation == "cancel" and method == "POST":
                if answered_at < job["done_at"]:
                    job["cancelled"] = True
                return cls.REPLY_SECONDS, 200, {"id": job_id, "status": "CANCELLED" if job["cancelled"] else "COMPLETED"}
            if method == "GET":
                return cls.REPLY_SECONDS, 200, cls._state(job_id, job, answered_at)
        return None

    @staticmethod
    def _state(job_id, job, at):
        if job["cancelled"]:
            return {"id": job_id, "status": "CANCELLED"}
        if at >= job["done_at"]:
            return {"id": job_id, "status": "COMPLETED", "output": {"ok": True}}
        return {"id": job_id, "status": "IN_PROGRESS"}
