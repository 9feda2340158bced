"""HTTP exceptions as werkzeug 3.1.8 defines them (src/werkzeug/exceptions.py, tag 3.1.8,
c1a26b45): each has a code and a description, renders the same HTML error page, and is itself a
WSGI app. The descriptions are werkzeug's; Flask's abort() raises these."""

from http import HTTPStatus


def escape(text):
    """markupsafe.escape, which werkzeug's error pages use: & < > ' " as &amp; &lt; &gt; &#39; &#34;."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


class HTTPException(Exception):
    code = None
    description = None

    def __init__(self, description=None, response=None):
        super().__init__()
        if description is not None:
            self.description = description
        self.response = response

    @property
    def name(self):
        try:
            return HTTPStatus(self.code or 0).phrase
        except ValueError:
            return "Unknown"

    def get_description(self, environ=None, scope=None):
        text = escape(self.description or "").replace("\n", "<br>")
        return f"<p>{text}</p>"

    def get_body(self, environ=None, scope=None):
        return (
            "<!doctype html>\n"
            "<html lang=en>\n"
            f"<title>{self.code} {escape(self.name)}</title>\n"
            f"<h1>{escape(self.name)}</h1>\n"
            f"{self.get_description(environ)}\n"
        )

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "text/html; charset=utf-8")]

    def get_response(self, environ=None, scope=None):
        from .wrappers.response import Response

        if self.response is not None:
            return self.response
        return Response(self.get_body(environ), self.code, self.get_headers(environ))

    def __call__(self, environ, start_response):
        return self.get_response(environ)(environ, start_response)

    def __str__(self):
        code = self.code if self.code is not None else "???"
        return f"{code} {self.name}: {self.description}"

    def __repr__(self):
        code = self.code if self.code is not None else "???"
        return f"<{type(self).__name__} '{code}: {self.name}'>"


def _define(name, code, description, base=HTTPException):
    cls = type(name, (base,), {"code": code, "description": description, "__module__": __name__})
    globals()[name] = cls
    return cls


# (name, code, description): werkzeug 3.1.8's own texts.
_TABLE = (
    ("BadRequest", 400, "The browser (or proxy) sent a request that this server could not understand."),
    ("Unauthorized", 401, "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."),
    ("Forbidden", 403, "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."),
    ("NotFound", 404, "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."),
    ("MethodNotAllowed", 405, "The method is not allowed for the requested URL."),
    ("NotAcceptable", 406, "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request."),
    ("RequestTimeout", 408, "The server closed the network connection because the browser didn't finish the request within the specified time."),
    ("Conflict", 409, "A conflict happened while processing the request. The resource might have been modified while the request was being processed."),
    ("Gone", 410, "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page."),
    ("LengthRequired", 411, "A request with this method requires a valid <code>Content-Length</code> header."),
    ("PreconditionFailed", 412, "The precondition on the request for the URL failed positive evaluation."),
    ("RequestEntityTooLarge", 413, "The data value transmitted exceeds the capacity limit."),
    ("RequestURITooLarge", 414, "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed."),
    ("UnsupportedMediaType", 415, "The server does not support the media type transmitted in the request."),
    ("RequestedRangeNotSatisfiable", 416, "The server cannot provide the requested range."),
    ("ExpectationFailed", 417, "The server could not meet the requirements of the Expect header"),
    ("ImATeapot", 418, "This server is a teapot, not a coffee machine"),
    ("MisdirectedRequest", 421, "The server is not able to produce a response."),
    ("UnprocessableEntity", 422, "The request was well-formed but was unable to be followed due to semantic errors."),
    ("Locked", 423, "The resource that is being accessed is locked."),
    ("FailedDependency", 424, "The method could not be performed on the resource because the requested action depended on another action and that action failed."),
    ("PreconditionRequired", 428, 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".'),
    ("TooManyRequests", 429, "This user has exceeded an allotted request count. Try again later."),
    ("RequestHeaderFieldsTooLarge", 431, "One or more header fields exceeds the maximum size."),
    ("UnavailableForLegalReasons", 451, "Unavailable for legal reasons."),
    ("InternalServerError", 500, "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."),
    ("NotImplemented", 501, "The server does not support the action requested by the browser."),
    ("BadGateway", 502, "The proxy server received an invalid response from an upstream server."),
    ("ServiceUnavailable", 503, "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."),
    ("GatewayTimeout", 504, "The connection to an upstream server timed out."),
    ("HTTPVersionNotSupported", 505, "The server does not support the HTTP protocol version used in the request."),
)

default_exceptions = {}
for _name, _code, _description in _TABLE:
    default_exceptions[_code] = _define(_name, _code, _description)


class BadRequestKeyError(BadRequest, KeyError):  # noqa: F821 (defined above)
    show_exception = False

    def __init__(self, arg=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if arg is None:
            KeyError.__init__(self)
        else:
            KeyError.__init__(self, arg)

    def __str__(self):
        return HTTPException.__str__(self)


class _MethodNotAllowed(MethodNotAllowed):  # noqa: F821
    def __init__(self, valid_methods=None, description=None, response=None):
        super().__init__(description=description, response=response)
        self.valid_methods = valid_methods

    def get_headers(self, environ=None, scope=None):
        headers = super().get_headers(environ, scope)
        if self.valid_methods:
            headers.append(("Allow", ", ".join(self.valid_methods)))
        return headers


_MethodNotAllowed.__name__ = _MethodNotAllowed.__qualname__ = "MethodNotAllowed"
MethodNotAllowed = default_exceptions[405] = _MethodNotAllowed


class InternalServerError(InternalServerError):  # noqa: F821
    def __init__(self, description=None, response=None, original_exception=None):
        self.original_exception = original_exception
        super().__init__(description=description, response=response)


default_exceptions[500] = InternalServerError


class Aborter:
    def __init__(self, mapping=None, extra=None):
        self.mapping = dict(default_exceptions if mapping is None else mapping)
        if extra:
            self.mapping.update(extra)

    def __call__(self, code, *args, **kwargs):
        from .wrappers.response import Response

        if not args and not kwargs and not isinstance(code, int):
            raise HTTPException(response=code)
        if isinstance(code, Response):
            raise HTTPException(response=code)
        if code not in self.mapping:
            raise LookupError(f"no exception for {code!r}")
        raise self.mapping[code](*args, **kwargs)


def abort(status, *args, **kwargs):
    _aborter(status, *args, **kwargs)


_aborter = Aborter()
