"""Simulator stub of websocket-client 1.9.0 (import websocket): WebSocket, create_connection and
the exceptions, as the ComfyUI workers use them.

connect(url, timeout=) is a network call to the URL (the opening handshake); the timeout (else
the default, getdefaulttimeout(), None) stays on the socket for every recv(), as in the library.
Each recv() takes the next answer of the response rule matching `WS <url>` (see
_deadline/network.py WsMessages); with none coming it waits until the socket timeout, then raises
WebSocketTimeoutException("Connection timed out") (what websocket/_socket.py raises for a
TimeoutError), or, with no timeout, until the deadline. An answer with `connection` closes the
socket: WebSocketConnectionClosedException("Connection to remote host was lost."). A refused
connect raises ConnectionRefusedError(111, 'Connection refused'); a dropped one TimeoutError
('timed out') after the timeout; a handshake answered with an error status
WebSocketBadStatusException("Handshake status 403 Forbidden -+-+- {headers} -+-+- body").
send() takes no time. WebSocketApp is not simulated.
"""

from _deadline import network

from ._exceptions import (
    WebSocketAddressException,
    WebSocketBadStatusException,
    WebSocketConnectionClosedException,
    WebSocketException,
    WebSocketPayloadException,
    WebSocketProtocolException,
    WebSocketProxyException,
    WebSocketTimeoutException,
)

__version__ = "1.9.0"

ABNF = type("ABNF", (), {"OPCODE_TEXT": 0x1, "OPCODE_BINARY": 0x2, "OPCODE_CLOSE": 0x8, "OPCODE_PING": 0x9, "OPCODE_PONG": 0xA})
STATUS_NORMAL = 1000

_default_timeout = None


def setdefaulttimeout(timeout):
    global _default_timeout
    _default_timeout = timeout


def getdefaulttimeout():
    return _default_timeout


def enableTrace(traceable, handler=None, level="DEBUG"):
    pass


class WebSocket:
    def __init__(self, get_mask_key=None, sockopt=None, sslopt=None, fire_cont_frame=False,
                 enable_multithread=True, skip_utf8_validation=False, **_):
        self.timeout = getdefaulttimeout()
        self.connected = False
        self.url = None
        self.status = None
        self.headers = None
        self._messages = None

    def gettimeout(self):
        return self.timeout

    def settimeout(self, timeout):
        self.timeout = timeout

    def getstatus(self):
        return self.status

    def getheaders(self):
        return self.headers

    def connect(self, url, **options):
        line = network.caller_line()
        self.timeout = options.get("timeout", self.timeout)
        target = network.Target(url, "GET")
        outcome = network.exchange_sync("GET", target, line, connect=self.timeout, read=self.timeout,
                                        note="WebSocket handshake")
        if outcome == network.REFUSED:
            raise ConnectionRefusedError(111, "Connection refused")
        if outcome == network.CONNECT_TIMEOUT:
            raise TimeoutError("timed out")
        if outcome == network.READ_TIMEOUT:
            raise WebSocketTimeoutException("Connection timed out")
        if target.status >= 300:
            body = target.body.decode("utf-8", errors="replace")
            raise WebSocketBadStatusException(
                f"Handshake status {target.status} {target.reason} -+-+- {dict(target.headers)} -+-+- {body}",
                target.status, target.reason, dict(target.headers), body,
            )
        self.url = url
        self.status = 101
        self.headers = {"upgrade": "websocket", "connection": "Upgrade"}
        self.connected = True
        self._messages = network.WsMessages(url)

    def recv(self):
        if not self.connected:
            raise WebSocketConnectionClosedException("socket is already closed.")
        text = self._messages.recv_sync(self.timeout, network.caller_line())
        if text is None:
            raise WebSocketTimeoutException("Connection timed out")
        if text is network.CLOSED:
            self.connected = False
            raise WebSocketConnectionClosedException("Connection to remote host was lost.")
        return text

    def recv_data(self, control_frame=False):
        return ABNF.OPCODE_TEXT, self.recv().encode("utf-8")

    def send(self, payload, opcode=ABNF.OPCODE_TEXT):
        if not self.connected:
            raise WebSocketConnectionClosedException("socket is already closed.")
        data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
        return len(data) + 6

    def send_text(self, text_data):
        return self.send(text_data)

    def send_binary(self, payload):
        return self.send(payload, ABNF.OPCODE_BINARY)

    def ping(self, payload=""):
        pass

    def pong(self, payload=""):
        pass

    def close(self, status=STATUS_NORMAL, reason=b"", timeout=3):
        self.connected = False

    def shutdown(self):
        self.connected = False

    def __iter__(self):
        while True:
            yield self.recv()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def create_connection(url, timeout=None, class_=WebSocket, **options):
    websock = class_(**{k: options.pop(k) for k in ("sockopt", "sslopt", "enable_multithread") if k in options})
    websock.settimeout(timeout if timeout is not None else getdefaulttimeout())
    websock.connect(url, **options)
    return websock


