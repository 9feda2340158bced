import sys
import time


def app(environ, start_response):
    """Answers only after 35 seconds, past gunicorn's default worker timeout."""
    data = b"Hello, World!\n"
    status = "200 OK"
    response_headers = [
        ("Content-type", "text/plain"),
        ("Content-Length", str(len(data))),
    ]
    sys.stdout.write("request will timeout")
    sys.stdout.flush()
    time.sleep(35)
    start_response(status, response_headers)
    return iter([data])
