"""Proxies RunPod jobs to the vLLM OpenAI-compatible server that main.py started on loopback."""

import logging
import os
from typing import Any, AsyncGenerator, Optional, Tuple

import aiohttp

VLLM_PORT = os.getenv("VLLM_PORT", "8000")
VLLM_BASE_URL = os.getenv("VLLM_BASE_URL", f"http://127.0.0.1:{VLLM_PORT}")
REQUEST_TIMEOUT = float(os.getenv("REQUEST_TIMEOUT", "3600"))
DEFAULT_CHAT_ROUTE = "/v1/chat/completions"
DEFAULT_COMPLETION_ROUTE = "/v1/completions"

# Set by main.py, so a dead server fails the job at once instead of hanging it.
vllm_process = None


def _is_vllm_alive() -> bool:
    return vllm_process is None or vllm_process.poll() is None


def _normalize_job_input(job_input: dict) -> Tuple[str, str, Optional[dict]]:
    if job_input.get("openai_input"):
        return job_input.get("openai_route") or DEFAULT_CHAT_ROUTE, "POST", job_input["openai_input"]
    if job_input.get("openai_route"):
        return job_input["openai_route"], "GET", None
    if job_input.get("route"):
        body = job_input.get("body")
        return job_input["route"], (job_input.get("method") or ("POST" if body else "GET")).upper(), body
    messages, prompt = job_input.get("messages"), job_input.get("prompt")
    if messages is None and prompt is None:
        raise ValueError("Job input must contain one of: openai_input, route, or prompt/messages.")
    body = {**dict(job_input.get("sampling_params") or {}), "stream": bool(job_input.get("stream", False))}
    if messages is not None:
        return DEFAULT_CHAT_ROUTE, "POST", {**body, "messages": messages}
    return DEFAULT_COMPLETION_ROUTE, "POST", {**body, "prompt": prompt}


def _error(message: str) -> dict:
    return {"error": {"message": message, "type": "worker_error", "code": None}}


async def handler(job: dict) -> AsyncGenerator[Any, None]:
    try:
        route, method, body = _normalize_job_input(job.get("input") or {})
    except ValueError as e:
        yield _error(str(e))
        return
    if not _is_vllm_alive():
        yield _error("vLLM server process is not running; worker is unhealthy")
        return

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    try:
        async with aiohttp.ClientSession(timeout=timeout, headers={"Content-Type": "application/json"}) as session:
            async with session.request(method, f"{VLLM_BASE_URL}{route}", json=body) as resp:
                if resp.status >= 400:
                    detail = await resp.text()
                    yield _error(f"vLLM returned HTTP {resp.status}: {detail}")
                    return
                if isinstance(body, dict) and body.get("stream") is True:
                    async for chunk in resp.content.iter_any():
                        yield chunk.decode("utf-8", errors="replace")
                else:
                    yield await resp.json(content_type=None)
    except aiohttp.ClientError as e:
        logging.exception("Request to vLLM failed")
        yield _error(f"Request to vLLM failed: {e}")
