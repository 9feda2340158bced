"""flask.Request / flask.Response: werkzeug's, with Flask's defaults (text/html responses,
the matched rule and view arguments on the request)."""

from werkzeug.wrappers.request import Request as _Request
from werkzeug.wrappers.response import Response as _Response


class Request(_Request):
    url_rule = None
    view_args = None
    routing_exception = None

    @property
    def endpoint(self):
        return self.url_rule.endpoint if self.url_rule is not None else None

    @property
    def blueprint(self):
        endpoint = self.endpoint
        return endpoint.rpartition(".")[0] if endpoint and "." in endpoint else None

    @property
    def blueprints(self):
        name = self.blueprint
        return [name] if name else []


class Response(_Response):
    # flask/wrappers.py (3.1.3): a Flask response is HTML unless said otherwise.
    default_mimetype = "text/html"
