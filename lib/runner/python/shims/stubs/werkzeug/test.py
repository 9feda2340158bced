"""run_wsgi_app: calls a WSGI app and collects what it answered (werkzeug.test's helper)."""


def run_wsgi_app(app, environ, buffered=False):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = headers
        return lambda chunk: answer.setdefault("written", []).append(chunk)

    chunks = app(environ, start_response)
    body = list(answer.get("written", [])) + list(chunks)
    close = getattr(chunks, "close", None)
    if close is not None:
        close()
    return body, answer.get("status", "500 INTERNAL SERVER ERROR"), answer.get("headers", [])
