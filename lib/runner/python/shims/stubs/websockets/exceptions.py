"""websockets 17.0.1's exceptions and their texts (src/websockets/exceptions.py)."""


class WebSocketException(Exception):
    pass


class ConnectionClosed(WebSocketException):
    def __init__(self, rcvd, sent, rcvd_then_sent=None):
        self.rcvd = rcvd
        self.sent = sent
        self.rcvd_then_sent = rcvd_then_sent

    def __str__(self):
        if self.rcvd is None:
            return "no close frame received or sent" if self.sent is None else f"sent {self.sent}; no close frame received"
        if self.sent is None:
            return f"received {self.rcvd}; no close frame sent"
        return f"received {self.rcvd}; then sent {self.sent}" if self.rcvd_then_sent else f"sent {self.sent}; then received {self.rcvd}"


class ConnectionClosedOK(ConnectionClosed):
    pass


class ConnectionClosedError(ConnectionClosed):
    pass


class InvalidURI(WebSocketException):
    def __init__(self, uri, msg):
        self.uri = uri
        self.msg = msg

    def __str__(self):
        return f"{self.uri} isn't a valid URI: {self.msg}"


class InvalidHandshake(WebSocketException):
    pass


class SecurityError(InvalidHandshake):
    pass


class InvalidMessage(InvalidHandshake):
    pass


class InvalidStatus(InvalidHandshake):
    def __init__(self, response):
        self.response = response

    def __str__(self):
        return f"server rejected WebSocket connection: HTTP {self.response.status_code:d}"


class InvalidHeader(InvalidHandshake):
    pass


class NegotiationError(InvalidHandshake):
    pass


class ProtocolError(WebSocketException):
    pass


class PayloadTooBig(WebSocketException):
    pass


class ConcurrencyError(WebSocketException, RuntimeError):
    pass
