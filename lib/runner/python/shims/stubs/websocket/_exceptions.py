"""websocket-client 1.9.0's exceptions (websocket/_exceptions.py)."""


class WebSocketException(Exception):
    pass


class WebSocketProtocolException(WebSocketException):
    pass


class WebSocketPayloadException(WebSocketException):
    pass


class WebSocketConnectionClosedException(WebSocketException):
    pass


class WebSocketTimeoutException(WebSocketException):
    pass


class WebSocketProxyException(WebSocketException):
    pass


class WebSocketBadStatusException(WebSocketException):
    def __init__(self, message, status_code, status_message=None, resp_headers=None, resp_body=None):
        super().__init__(message)
        self.status_code = status_code
        self.resp_headers = resp_headers
        self.resp_body = resp_body


class WebSocketAddressException(WebSocketException):
    pass
