"""Simulator stub of FastAPI 0.141.1 (fastapi/fastapi tag 0.141.1, 95f8322e) on the Starlette 0.47.3
and pydantic 2.13.4 stubs: routes, parameters from path / query / headers / body, Depends,
BackgroundTasks, HTTPException and the 422 validation answer; `async def` endpoints run on the
event loop and plain `def` ones on the thread pool. See ../RUNTIMES.md."""

from starlette.background import BackgroundTasks
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from . import status
from .applications import FastAPI
from .exceptions import HTTPException, RequestValidationError
from .params import Body, Cookie, Depends, File, Form, Header, Path, Query, Security
from .routing import APIRouter

__version__ = "0.141.1"


class WebSocket:
    """WebSocket routes are not simulated: the simulator serves one HTTP request."""


class WebSocketDisconnect(Exception):
    pass


__all__ = [
    "APIRouter", "BackgroundTasks", "Body", "Cookie", "Depends", "FastAPI", "File", "Form", "HTTPException", "Header",
    "Path", "Query", "Request", "RequestValidationError", "Response", "Security", "UploadFile", "WebSocket",
    "WebSocketDisconnect", "status",
]
