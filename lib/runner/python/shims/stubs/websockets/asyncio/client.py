"""websockets.asyncio.client.connect (websockets 17.0.1) on the virtual loop.

The opening handshake is a network call to the URI bounded by open_timeout (10 s by default):
past it, TimeoutError("timed out during opening handshake"); a refused connect raises asyncio's
ConnectionRefusedError ("[Errno 111] Connect call failed ('h', p)"); a handshake answered with an
error status raises InvalidStatus ("server rejected WebSocket connection: HTTP 403"). recv() takes
the next answer of the response rule matching `WS <uri>` (see _deadline/network.py WsMessages) and
otherwise waits, without a timeout of its own (wrap it in asyncio.wait_for / asyncio.timeout, as
with the real library); an answer with `connection` ends the socket with ConnectionClosedError
("no close frame received or sent"). send() takes no time. Keepalive pings are not modelled.
"""

import asyncio
from urllib.parse import urlsplit

from _deadline import network

from ..exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidStatus, InvalidURI


class _Response:
    def __init__(self, status_code, headers, body):
        self.status_code = status_code
        self.reason_phrase = ""
        self.headers = headers
        self.body = body


class ClientConnection:
    def __init__(self, uri, response):
        self.request = None
        self.response = response
        self._messages = network.WsMessages(uri)
        self._closed = False
        self.remote_address = None
        self.id = None

    @property
    def state(self):
        return 3 if self._closed else 1

    async def recv(self, decode=None):
        if self._closed:
            raise ConnectionClosedOK(None, None)
        text = await self._messages.recv_async(network.caller_line())
        if text is network.CLOSED:
            self._closed = True
            raise ConnectionClosedError(None, None)
        return text

    async def send(self, message, text=None):
        if self._closed:
            raise ConnectionClosedOK(None, None)

    async def ping(self, data=None):
        future = asyncio.get_running_loop().create_future()
        future.set_result(0.0)
        return future

    async def close(self, code=1000, reason=""):
        self._closed = True

    async def wait_closed(self):
        pass

    def __aiter__(self):
        return self._iterate()

    async def _iterate(self):
        while True:
            try:
                yield await self.recv()
            except ConnectionClosedOK:
                return

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()


class connect:
    def __init__(self, uri, *, origin=None, extensions=None, subprotocols=None, compression="deflate",
                 additional_headers=None, user_agent_header=None, proxy=True, process_exception=None,
                 open_timeout=10, ping_interval=20, ping_timeout=20, close_timeout=10, max_size=2 ** 20,
                 max_queue=16, write_limit=2 ** 15, logger=None, create_connection=None, **kwargs):
        parts = urlsplit(uri)
        if parts.scheme not in ("ws", "wss"):
            raise InvalidURI(uri, "scheme isn't ws or wss")
        self.uri = uri
        self.open_timeout = open_timeout

    def __await__(self):
        return self._open().__await__()

    async def _open(self):
        line = network.caller_line()
        loop = asyncio.get_running_loop()
        target = network.Target(self.uri, "GET")
        total_by = None if self.open_timeout is None else loop.time() + self.open_timeout
        outcome = await network.exchange_async("GET", target, line, total_by=total_by, note="WebSocket handshake",
                                               names={network.TOTAL_TIMEOUT: "open_timeout"})
        if outcome == network.REFUSED:
            address = "127.0.0.1" if target.host == "localhost" else target.host
            raise ConnectionRefusedError(111, f"Connect call failed ('{address}', {target.port})")
        if outcome in (network.TOTAL_TIMEOUT, network.CONNECT_TIMEOUT):
            raise TimeoutError("timed out during opening handshake")
        response = _Response(target.status, dict(target.headers), target.body)
        if target.status >= 300:
            raise InvalidStatus(response)
        response.status_code = 101
        return ClientConnection(self.uri, response)

    async def __aenter__(self):
        self.connection = await self
        return self.connection

    async def __aexit__(self, *exc):
        await self.connection.close()


def unix_connect(*args, **kwargs):
    raise OSError("unix sockets are not simulated")
