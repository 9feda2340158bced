"""Serving a WSGI app registered by a framework stub (Flask) as gunicorn's sync worker does
(benoitc/gunicorn 26.1.0, 65ac1a3a): the whole response is the request's work, so the sync
worker's --timeout is the request's deadline (the preset's WORKER TIMEOUT text). An exception
that escapes the app is logged "Error handling request <METHOD> <URI>" with its traceback and
answered with gunicorn's own 500 page (workers/base.py handle_error, util.write_error).
"""

import io
import sys
import textwrap
import time

from . import entry, http_event, logs, state

PLATFORMS = ("gunicorn", "heroku", "cloud-run", "vercel")

# The worker's pid in the gunicorn preset's log lines (lib/runner/platforms/gunicorn.ts).
WORKER_PID = 7


def environ_for(request):
    environ = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": request.path,
        "QUERY_STRING": request.query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "50000",
        "CONTENT_LENGTH": str(len(request.body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for key, value in request.headers:
        name = key.upper().replace("-", "_")
        if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[name] = value
        else:
            environ[f"HTTP_{name}"] = value
    return environ


def _gunicorn_500():
    page = textwrap.dedent("""\
    <html>
      <head>
        <title>Internal Server Error</title>
      </head>
      <body>
        <h1><p>Internal Server Error</p></h1>
        
      </body>
    </html>
    """)
    return {"status": 500, "headers": {"Connection": "close", "Content-Type": "text/html", "Content-Length": str(len(page))}, "body": page}


def call_app(app, environ):
    """(status, headers, body bytes) of one WSGI call, closing the iterable as servers must."""
    answer = {}

    run = state.current
    parts = []

    def send(chunk):
        # gunicorn's Response.write sends the headers with the first item, then each item's bytes
        # (http/wsgi.py): what a proxy in front reads.
        chunk = chunk if isinstance(chunk, bytes) else str(chunk).encode()
        first = not answer.get("sent")
        answer["sent"] = True
        parts.append(chunk)
        if first or chunk:
            run.response_progress(headers_only=not chunk)

    def start_response(status, headers, exc_info=None):
        if exc_info is not None and answer.get("sent"):
            raise exc_info[1].with_traceback(exc_info[2])
        answer["status"] = status
        answer["headers"] = headers
        return send

    chunks = app(environ, start_response)
    try:
        for chunk in chunks:
            send(chunk)
        body = b"".join(parts)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return str(answer.get("status", "500 Internal Server Error")), answer.get("headers", []), body


class Invoke:
    def __init__(self, app, what):
        self.app = app
        self.what = what
        self.entry = None

    def label(self, request):
        name = self.entry.name if self.entry is not None else "app"
        return f"{self.what} {name}: {request.method} {request.path}"

    def respond(self, run, request):
        """Serves one request: (response, error) where error is the exception the sync worker
        caught (its 500 page is the response), else None. Limits stop it with SimulatorStop."""
        try:
            status, headers, body = call_app(self.app, environ_for(request))
        except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
            raise
        except Exception as error:
            # The sync worker catches what escapes the app, logs it and answers 500.
            # gunicorn's error log format (glogging.py), from the worker's pid (the preset's 7).
            stamp = time.strftime("%Y-%m-%d %H:%M:%S +0000", time.gmtime())
            sys.stderr.write(f"[{stamp}] [{WORKER_PID}] [ERROR] Error handling request {request.method} {request.target}\n")
            sys.stderr.write(logs.format_exception(error))
            return _gunicorn_500(), error
        code = status.split(" ", 1)[0]
        text, is_base64 = http_event.decode_body(body)
        outcome = {
            "status": int(code) if code.isdigit() else status,
            "headers": {str(k): str(v) for k, v in headers},
            "body": text,
        }
        if is_base64:
            outcome["isBase64Encoded"] = True
        return outcome, None

    def __call__(self, run):
        request = http_event.read(run.event)
        run.platform_detail["request"] = {"method": request.method, "url": request.target, "host": request.header("host", "localhost")}
        if run.concurrency > 1:
            from . import serving

            serving.serve_wsgi(run, self, request)
            return
        if threaded(run):
            # The main thread keeps notifying the arbiter: --timeout ends no request (serving.py).
            run.overrun_ok = True
            run.unlimited_handler = True
        ok, answer = entry.call(run, self.label(request), lambda: self.respond(run, request))
        if threaded(run) and run.handler_end is not None and run.handler_end - run.handler_start > run.timeout:
            entry.note(run, "entry", (
                f"the request took {run.handler_end - run.handler_start:.1f} s, past --timeout ({run.timeout:g} s), but on "
                f"{'gthread' if run.plan == 'gthread' else 'UvicornWorker'} the worker keeps notifying the arbiter while "
                "request threads work, so gunicorn did not kill it"
            ))
        if not ok:
            return
        outcome, error = answer
        if error is not None:
            run.error = entry.error_info(run, error)
            run.exception = error
        run.outcome = outcome


def threaded(run):
    """gunicorn serves WSGI requests on threads whose worker keeps notifying the arbiter: gthread,
    and UvicornWorker (a WSGI app there runs on uvicorn's WSGIMiddleware threads)."""
    return run.platform == "gunicorn" and run.plan in ("gthread", "uvicorn")


def register(app, what, line=None):
    """Declares a WSGI app as the entry on the platforms that serve one."""
    invoke = Invoke(app, what)
    invoke.entry = entry.register(None, app, kind="wsgi", label=None, line=line, invoke=invoke, platforms=PLATFORMS)
    return invoke.entry


def serve_forever(app, via):
    """A development server (app.run(), run_simple) that would serve this app until stopped."""
    if not any(e.fn is app for e in state.current.entries):
        register(app, "WSGI app")
