"""werkzeug 3.1's Request over a WSGI environ: method, path, args, form, files, headers, data,
JSON (get_json raises 415 when the body is not declared JSON, 400 when it does not parse, as
werkzeug 2.3+ does), cookies."""

import email.parser
import email.policy
import io
import json as _json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, unquote

from ..datastructures import FileStorage, Headers, ImmutableMultiDict
from ..exceptions import BadRequest, UnsupportedMediaType


def _headers_from_environ(environ):
    headers = Headers()
    for key, value in environ.items():
        if key.startswith("HTTP_") and key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
            headers.add(key[5:].replace("_", "-").title(), value)
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            headers.add(key.replace("_", "-").title(), value)
    return headers


class Request:
    def __init__(self, environ, populate_request=True, shallow=False):
        self.environ = environ
        self.method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        self.path = "/" + unquote(environ.get("PATH_INFO", "") or "").lstrip("/")
        self.root_path = environ.get("SCRIPT_NAME", "")
        self.query_string = str(environ.get("QUERY_STRING", "")).encode("latin-1")
        self.headers = _headers_from_environ(environ)
        self.shallow = shallow
        self._data = None
        self._form = None
        self._files = None
        self._cached_json = (Ellipsis, Ellipsis)

    # ---- URL --------------------------------------------------------------------------------

    @property
    def args(self):
        return ImmutableMultiDict(parse_qsl(self.query_string.decode("latin-1"), keep_blank_values=True))

    @property
    def scheme(self):
        return self.environ.get("wsgi.url_scheme", "http")

    @property
    def host(self):
        return self.headers.get("host") or self.environ.get("SERVER_NAME", "localhost")

    @property
    def host_url(self):
        return f"{self.scheme}://{self.host}/"

    @property
    def base_url(self):
        return f"{self.scheme}://{self.host}{self.root_path}{self.path}"

    @property
    def url(self):
        qs = self.query_string.decode("latin-1")
        return self.base_url + (f"?{qs}" if qs else "")

    @property
    def full_path(self):
        return f"{self.path}?{self.query_string.decode('latin-1')}"

    @property
    def url_root(self):
        return f"{self.scheme}://{self.host}{self.root_path}/"

    @property
    def remote_addr(self):
        return self.environ.get("REMOTE_ADDR", "127.0.0.1")

    @property
    def user_agent(self):
        return self.headers.get("user-agent", "")

    # ---- body -------------------------------------------------------------------------------

    @property
    def content_type(self):
        return self.headers.get("content-type")

    @property
    def mimetype(self):
        return (self.content_type or "").split(";")[0].strip().lower()

    @property
    def content_length(self):
        return self.headers.get("content-length", type=int)

    @property
    def is_json(self):
        mt = self.mimetype
        return mt == "application/json" or (mt.startswith("application/") and mt.endswith("+json"))

    @property
    def stream(self):
        return io.BytesIO(self.get_data())

    def get_data(self, cache=True, as_text=False, parse_form_data=False):
        if self._data is None:
            stream = self.environ.get("wsgi.input")
            length = self.content_length
            self._data = (stream.read(length) if length is not None else stream.read()) if stream is not None else b""
        return self._data.decode("utf-8", "replace") if as_text else self._data

    data = property(lambda self: self.get_data())

    def get_json(self, force=False, silent=False, cache=True):
        if cache and self._cached_json[silent] is not Ellipsis:
            return self._cached_json[silent]
        if not (force or self.is_json):
            if not silent:
                return self.on_json_loading_failed(None)
            return None
        try:
            value = _json.loads(self.get_data())
        except ValueError as error:
            if silent:
                value = None
            else:
                value = self.on_json_loading_failed(error)
        if cache:
            self._cached_json = (value, value)
        return value

    json = property(lambda self: self.get_json())

    def on_json_loading_failed(self, e):
        # werkzeug 3.1.8 wrappers/request.py: the texts of both failures.
        if e is not None:
            raise BadRequest(f"Failed to decode JSON object: {e}")
        raise UnsupportedMediaType(
            "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
        )

    def _parse_form(self):
        if self._form is not None:
            return
        form, files = [], []
        mt = self.mimetype
        if mt == "application/x-www-form-urlencoded":
            form = parse_qsl(self.get_data().decode("utf-8", "replace"), keep_blank_values=True)
        elif mt == "multipart/form-data":
            raw = f"Content-Type: {self.content_type}\r\n\r\n".encode() + self.get_data()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
            for part in message.iter_parts() if message.is_multipart() else []:
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                payload = part.get_payload(decode=True) or b""
                if filename is not None:
                    files.append((name, FileStorage(io.BytesIO(payload), filename, name, part.get_content_type())))
                else:
                    form.append((name, payload.decode(part.get_content_charset() or "utf-8", "replace")))
        self._form = ImmutableMultiDict(form)
        self._files = ImmutableMultiDict(files)

    @property
    def form(self):
        self._parse_form()
        return self._form

    @property
    def files(self):
        self._parse_form()
        return self._files

    @property
    def values(self):
        combined = ImmutableMultiDict(list(self.args.items(multi=True)) + list(self.form.items(multi=True)))
        return combined

    @property
    def cookies(self):
        jar = SimpleCookie()
        jar.load(self.headers.get("cookie", ""))
        return ImmutableMultiDict({k: v.value for k, v in jar.items()})

    @property
    def authorization(self):
        return self.headers.get("authorization")

    def close(self):
        pass

    def __repr__(self):
        return f"<{type(self).__name__} {self.url!r} [{self.method}]>"
