import functools
import time

import httpx
import runpod


def timed(fn):
    # The wrapper is async too, so runpod awaits it and it awaits the handler.
    @functools.wraps(fn)
    async def wrapper(job):
        start = time.perf_counter()
        output = await fn(job)
        output["seconds"] = round(time.perf_counter() - start, 2)
        return output

    return wrapper


@timed
async def handler(job):
    async with httpx.AsyncClient(timeout=60) as client:
        # A vLLM server in the same container; ~8 s for this caption.
        response = await client.post(
            "http://127.0.0.1:8000/v1/completions",
            json={"prompt": f"Describe {job['input']['image_url']}", "max_tokens": 64},
        )
    return {"caption": response.json()}


runpod.serverless.start({"handler": handler})
