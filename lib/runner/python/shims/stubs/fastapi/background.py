from starlette.background import BackgroundTasks  # noqa: F401
