"""How runpod-python 1.12.0 runs a job (rp_job.handle_job / run_job / run_job_generator), with
the simulator recording the handler's exception before the SDK turns it into an error result.

Behaviour kept from the SDK: a sync handler runs on the event loop's thread (so it blocks it); an
async handler is awaited; generator handlers stream, and their outputs are collected only with
return_aggregate_stream; a dict return has "error" and "refresh_worker" popped; any other return
becomes {"output": value}; an Exception becomes {"error": json.dumps(error_info)}; a
BaseException (a stop) is not caught. Not modelled: the POST of each streamed output and of the
result.
"""

import inspect
import json
import os
import traceback

from _deadline import runner

from ...version import __version__ as runpod_version
from .rp_logger import RunPodLogger

log = RunPodLogger()


def is_generator(handler):
    return inspect.isgeneratorfunction(handler) or inspect.isasyncgenfunction(handler)


async def handle_job(config, job):
    if is_generator(config["handler"]):
        generator_output = run_job_generator(config["handler"], job)
        job_result = {"output": []}
        async for stream_output in generator_output:
            if isinstance(stream_output.get("output"), dict):
                if stream_output["output"].get("error"):
                    stream_output = {"error": str(stream_output["output"]["error"])}
            if stream_output.get("error"):
                job_result = stream_output
                break
            if config.get("return_aggregate_stream", False):
                job_result["output"].append(stream_output["output"])
    else:
        job_result = await run_job(config["handler"], job)

    if config.get("refresh_worker", False):
        job_result["stopPod"] = True
    return job_result


async def run_job(handler, job):
    run_result = {}
    try:
        handler_return = handler(job)
        job_output = await handler_return if inspect.isawaitable(handler_return) else handler_return

        if isinstance(job_output, dict):
            error_msg = job_output.pop("error", None)
            refresh_worker = job_output.pop("refresh_worker", None)
            run_result["output"] = job_output
            if error_msg:
                run_result["error"] = error_msg
            if refresh_worker:
                run_result["stopPod"] = True
        else:
            run_result = {"output": job_output}

        if run_result.get("output") == {}:
            run_result.pop("output")

    except Exception as err:
        runner.record_error(err)
        error_info = {
            "error_type": str(type(err)),
            "error_message": str(err),
            "error_traceback": traceback.format_exc(),
            "hostname": os.environ.get("RUNPOD_POD_HOSTNAME", "unknown"),
            "worker_id": os.environ.get("RUNPOD_POD_ID", "unknown"),
            "runpod_version": runpod_version,
        }
        log.error("Captured Handler Exception", job["id"])
        log.error(json.dumps(error_info, indent=4))
        run_result = {"error": json.dumps(error_info)}

    return run_result


async def run_job_generator(handler, job):
    is_async_gen = inspect.isasyncgenfunction(handler)
    try:
        job_output = handler(job)
        if is_async_gen:
            async for output_partial in job_output:
                yield {"output": output_partial}
        else:
            for output_partial in job_output:
                yield {"output": output_partial}
    except Exception as err:
        runner.record_error(err)
        log.error(err, job["id"])
        yield {"error": f"handler: {str(err)} \ntraceback: {traceback.format_exc()}"}
