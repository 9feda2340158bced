from starlette.concurrency import iterate_in_threadpool, run_in_threadpool  # noqa: F401
