from .request import Request
from .response import Response

__all__ = ["Request", "Response"]
