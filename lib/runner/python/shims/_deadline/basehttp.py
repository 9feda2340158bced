"""Vercel's Python runtime serving a `class handler(BaseHTTPRequestHandler)`.

vercel_runtime/vc_init.py (vercel/vercel @ 17d9ebaf, python/vercel-runtime) picks the module's
variable named "handler" (any case) when it is a BaseHTTPRequestHandler subclass, derives
`class Handler(BaseHandler, handler)` whose log_message writes the request line to stdout instead
of stderr, and serves each request through the standard library's own request parsing:
handle_one_request reads the request line and headers, then calls do_<METHOD>, or answers
`send_error(501, "Unsupported method ('<METHOD>')")` when the class has none. The response
becomes {"statusCode", "headers", "body"} (base64 with "encoding" when it is not UTF-8).

Here the same standard-library code runs over in-memory streams: the request written as HTTP/1.1
bytes into rfile, the response read back from wfile. Nothing patches BaseHTTPRequestHandler, so
other code using it (a local HTTPServer) is untouched.
"""

import http
import http.client
import io
import sys
from http.server import BaseHTTPRequestHandler

from . import http_event

LABEL = "Vercel Python handler"


def is_handler_class(value):
    return isinstance(value, type) and issubclass(value, BaseHTTPRequestHandler) and value is not BaseHTTPRequestHandler


class _Server:
    """What a handler may read of `self.server`."""

    server_address = ("127.0.0.1", 3000)
    server_name = "localhost"
    server_port = 3000


def _handler_class(user_class):
    class Handler(user_class):
        def log_message(self, format, *args):
            # vc_init's BaseHandler: the access line goes to stdout.
            message = (format % args).translate(self._control_char_table)
            sys.stdout.write(f"{self.address_string()} - - [{self.log_date_time_string()}] {message}\n")

        def handle_request(self):
            name = "do_" + self.command
            if not hasattr(self, name):
                self.send_error(http.HTTPStatus.NOT_IMPLEMENTED, f"Unsupported method ({self.command!r})")
                return
            getattr(self, name)()
            self.wfile.flush()

        def handle_one_request(self):
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self.handle_request()

    Handler.__name__ = Handler.__qualname__ = user_class.__name__
    return Handler


def _raw_request(request):
    lines = [f"{request.method} {request.target} HTTP/1.1"]
    lines += [f"{name}: {value}" for name, value in request.headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + request.body


def serve(user_class, event):
    """One request through the class; returns the response as Vercel's runtime returns it."""
    request = http_event.read(event)
    cls = _handler_class(user_class)
    handler = cls.__new__(cls)
    # What StreamRequestHandler.setup() and BaseRequestHandler.__init__ would set from a socket.
    handler.request = None
    handler.client_address = ("127.0.0.1", 0)
    handler.server = _Server()
    handler.rfile = io.BytesIO(_raw_request(request))
    handler.wfile = io.BytesIO()
    handler.close_connection = True
    handler.handle_one_request()
    return _parse_response(handler.wfile.getvalue())


def _parse_response(data):
    if not data:
        # The handler wrote nothing: the runtime's HTTP client gets no status line.
        raise http.client.RemoteDisconnected("Remote end closed connection without response")
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 502
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        # vc_init.format_headers keeps repeated headers as a list.
        if key in headers:
            previous = headers[key]
            headers[key] = (previous if isinstance(previous, list) else [previous]) + [value.strip()]
        else:
            headers[key] = value.strip()
    text, is_base64 = http_event.decode_body(body)
    result = {"statusCode": status, "headers": headers, "body": text}
    if is_base64:
        result["encoding"] = "base64"
    return result


def entry_for(entry_class, name, user_class, line):
    def invoke(run):
        from .entry import call, json_result

        ok, value = call(run, f"{LABEL}: {name}.do_{http_event.read(run.event).method}", lambda: serve(user_class, run.event))
        if ok:
            run.outcome = json_result(value)

    entry = entry_class(name, user_class, "vercel-handler", f"{LABEL}: {name}", line, None, ("vercel",), 1)
    entry.invoke = invoke
    return entry
