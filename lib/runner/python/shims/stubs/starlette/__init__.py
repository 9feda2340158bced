"""Simulator stub of Starlette 0.47.3 (encode/starlette tag 0.47.3, cb8f84f5): applications,
routing, requests, responses, background tasks, exceptions and the thread pool, on the virtual
event loop and served by the simulator's ASGI server (_deadline/asgi.py). See ../RUNTIMES.md."""

__version__ = "0.47.3"
