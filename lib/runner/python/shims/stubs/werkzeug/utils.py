"""werkzeug.utils: redirect (302 by default in 3.1.x; 3.2 changes it to 303) and secure_filename."""

import html
import re
import unicodedata


def redirect(location, code=302, Response=None):
    if Response is None:
        from .wrappers import Response
    escaped = html.escape(location)
    response = Response(
        "<!doctype html>\n"
        "<html lang=en>\n"
        "<title>Redirecting...</title>\n"
        "<h1>Redirecting...</h1>\n"
        "<p>You should be redirected automatically to the target URL: "
        f'<a href="{escaped}">{escaped}</a>. If not, click the link.\n',
        code,
        mimetype="text/html",
    )
    response.headers["Location"] = location
    return response


def secure_filename(filename):
    filename = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    for sep in ("/", "\\"):
        filename = filename.replace(sep, " ")
    filename = str(re.sub(r"[^A-Za-z0-9_.-]", "", "_".join(filename.split()))).strip("._")
    return filename


class cached_property(property):
    def __init__(self, fget, name=None, doc=None):
        super().__init__(fget, doc=doc)
        self.__name__ = name or fget.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = obj.__dict__.get(self.__name__, self)
        if value is self:
            value = obj.__dict__[self.__name__] = self.fget(obj)
        return value
