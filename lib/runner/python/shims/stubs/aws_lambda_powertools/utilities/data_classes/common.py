"""DictWrapper and the proxy events' shared properties (utilities/data_classes/common.py)."""

import base64
import json
from urllib.parse import unquote


class DictWrapper(dict):
    def __init__(self, data, json_deserializer=None):
        super().__init__(data or {})
        self._data = data or {}
        self._json_deserializer = json_deserializer or json.loads

    @property
    def raw_event(self):
        return self._data


class BaseProxyEvent(DictWrapper):
    @property
    def headers(self):
        return _CaseInsensitive(self.get("headers") or {})

    @property
    def query_string_parameters(self):
        return self.get("queryStringParameters")

    @property
    def multi_value_query_string_parameters(self):
        return self.get("multiValueQueryStringParameters")

    @property
    def resolved_query_string_parameters(self):
        multi = self.multi_value_query_string_parameters
        if multi:
            return multi
        return {k: [v] for k, v in (self.query_string_parameters or {}).items()}

    @property
    def is_base64_encoded(self):
        return self.get("isBase64Encoded")

    @property
    def body(self):
        return self.get("body")

    @property
    def decoded_body(self):
        body = self.body
        if self.is_base64_encoded and body:
            return base64.b64decode(body.encode()).decode()
        return body

    @property
    def json_body(self):
        body = self.decoded_body
        return self._json_deserializer(body) if body else None

    @property
    def path_parameters(self):
        return self.get("pathParameters") or {}

    @property
    def http_method(self):
        return self["httpMethod"]

    @property
    def path(self):
        return self["path"]

    def get_query_string_value(self, name, default_value=None):
        params = self.query_string_parameters or {}
        return params.get(name, default_value)

    def get_header_value(self, name, default_value=None, case_sensitive=False):
        headers = self.get("headers") or {}
        if case_sensitive:
            return headers.get(name, default_value)
        wanted = name.lower()
        for key, value in headers.items():
            if key.lower() == wanted:
                return value
        return default_value

    def header_serializer(self):
        raise NotImplementedError()


class _CaseInsensitive(dict):
    def __init__(self, data):
        super().__init__({str(k).lower(): v for k, v in dict(data).items()})

    def __getitem__(self, key):
        return super().__getitem__(str(key).lower())

    def get(self, key, default=None):
        return super().get(str(key).lower(), default)

    def __contains__(self, key):
        return super().__contains__(str(key).lower())


def unquoted(value):
    return unquote(value) if isinstance(value, str) else value
