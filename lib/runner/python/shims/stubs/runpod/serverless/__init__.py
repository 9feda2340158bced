"""runpod.serverless, as the simulator runs it: start() runs one job on the virtual clock.

Mirrors runpod/serverless/__init__.py of runpod-python 1.12.0 up to the point where the SDK
hands the config to its worker loop, so a wrong config fails exactly where the SDK's does: a bare
function instead of {"handler": fn} fails at `config["reference_counter_start"] = ...` with
"TypeError: 'function' object does not support item assignment".
"""

import time
from typing import Any, Dict

from ..version import __version__ as runpod_version
from .modules.rp_logger import RunPodLogger

__all__ = ["start", "progress_update", "register_fitness_check", "runpod_version"]

log = RunPodLogger()


def start(config: Dict[str, Any]):
    print(f"--- Starting Serverless Worker |  Version {runpod_version} ---")
    config["reference_counter_start"] = time.perf_counter()
    config["rp_args"] = {
        "rp_log_level": None,
        "rp_debugger": None,
        "rp_serve_api": None,
        "rp_api_port": 8000,
        "rp_api_concurrency": 1,
        "rp_api_host": "localhost",
        "test_input": None,
    }
    # The deployed worker's job loop: one job, then the worker never returns.
    from _deadline import runner

    runner.runpod_start(config)


def progress_update(job, progress):
    """The SDK POSTs progress from a background thread; the simulator does not model it."""
    log.debug(f'{job["id"]} | Sending Progress Update: {progress}')


def register_fitness_check(func):
    return func
