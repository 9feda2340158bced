"""starlette.concurrency: sync work goes to anyio's thread pool (40 tokens), so it overlaps the
event loop instead of blocking it (see _deadline/asgi.py)."""

from _deadline.asgi import run_in_threadpool  # noqa: F401


async def iterate_in_threadpool(iterator):
    sentinel = object()
    while True:
        item = await run_in_threadpool(next, iterator, sentinel)
        if item is sentinel:
            return
        yield item


async def run_until_first_complete(*args):
    import asyncio

    tasks = [asyncio.ensure_future(func(**kwargs)) for func, kwargs in args]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
