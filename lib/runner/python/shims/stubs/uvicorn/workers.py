"""uvicorn.workers.UvicornWorker: named in gunicorn's -k option; under the gunicorn preset an
ASGI app is served as this worker serves it (heartbeat-based --timeout, see _deadline/asgi.py)."""


class UvicornWorker:
    CONFIG_KWARGS = {"loop": "auto", "http": "auto"}


class UvicornH11Worker(UvicornWorker):
    CONFIG_KWARGS = {"loop": "asyncio", "http": "h11"}
