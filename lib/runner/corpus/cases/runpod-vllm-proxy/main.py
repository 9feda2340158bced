"""Container entrypoint: start `vllm serve`, wait until it is healthy, then start the RunPod loop."""

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

VLLM_HOST = "127.0.0.1"
VLLM_PORT = os.getenv("VLLM_PORT", "8000")
STARTUP_TIMEOUT = int(os.getenv("VLLM_STARTUP_TIMEOUT", "1200"))
HEALTH_POLL_INTERVAL = 2

vllm_process = None


def start_vllm() -> subprocess.Popen:
    model = os.getenv("MODEL_NAME", "Qwen/Qwen2.5-7B-Instruct")
    argv = ["vllm", "serve", model, "--host", VLLM_HOST, "--port", VLLM_PORT]
    return subprocess.Popen(argv)


def wait_for_vllm(proc: subprocess.Popen) -> None:
    url = f"http://{VLLM_HOST}:{VLLM_PORT}/health"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"vLLM serve exited during startup with code {proc.returncode}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url), timeout=10) as resp:
                if resp.status == 200:
                    logging.info("vLLM is healthy")
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(HEALTH_POLL_INTERVAL)
    raise RuntimeError(f"vLLM did not become healthy within {STARTUP_TIMEOUT}s")


def _forward_signal(signum, _frame):
    if vllm_process and vllm_process.poll() is None:
        vllm_process.send_signal(signum)
    sys.exit(128 + signum)


def main() -> None:
    global vllm_process
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _forward_signal)

    vllm_process = start_vllm()
    try:
        wait_for_vllm(vllm_process)
    except RuntimeError as e:
        logging.error("%s", e)
        sys.exit(1)

    # Imported only now, so no job is pulled before the backend can serve it.
    import handler as proxy_handler
    import runpod

    proxy_handler.vllm_process = vllm_process
    max_concurrency = int(os.getenv("MAX_CONCURRENCY", "30"))
    runpod.serverless.start(
        {
            "handler": proxy_handler.handler,
            "concurrency_modifier": lambda _current: max_concurrency,
            "return_aggregate_stream": True,
        }
    )


if __name__ == "__main__":
    main()
