"""Simulator stub of werkzeug 3.1.8 (pallets/werkzeug tag 3.1.8, c1a26b45): the request and
response wrappers, datastructures, HTTP exceptions and URL routing that Flask is built on. See
../RUNTIMES.md."""

from .datastructures import Headers, MultiDict
from .wrappers import Request, Response

__version__ = "3.1.8"
__all__ = ["Headers", "MultiDict", "Request", "Response"]
