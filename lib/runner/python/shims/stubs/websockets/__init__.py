"""Simulator stub of websockets 17.0.1: the asyncio client (websockets.connect /
websockets.asyncio.client.connect) and the exceptions. See asyncio/client.py."""

from . import exceptions
from .asyncio.client import ClientConnection, connect
from .exceptions import (
    ConnectionClosed,
    ConnectionClosedError,
    ConnectionClosedOK,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
    WebSocketException,
)

__version__ = "17.0.1"
