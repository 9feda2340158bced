"""URL rules as werkzeug 3.1.8 matches them (src/werkzeug/routing): `<name>`, `<int:name>`,
`<float:name>`, `<path:name>`, `<uuid:name>`, `<any(a, b):name>`; a rule ending in "/" redirects
the URL without the slash (308, strict_slashes); a path that matches with another method is 405
with the allowed methods; GET rules also answer HEAD."""

import re
import uuid

from .exceptions import HTTPException, MethodNotAllowed, NotFound


class ValidationError(ValueError):
    pass


class BaseConverter:
    regex = "[^/]+"
    weight = 100
    part_isolating = True

    def __init__(self, map=None, *args, **kwargs):
        self.map = map

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class UnicodeConverter(BaseConverter):
    def __init__(self, map=None, minlength=1, maxlength=None, length=None):
        super().__init__(map)
        if length is not None:
            self.regex = f"[^/]{{{int(length)}}}"
        else:
            self.regex = f"[^/]{{{int(minlength)},{'' if maxlength is None else int(maxlength)}}}"


class PathConverter(BaseConverter):
    regex = "[^/].*?"
    part_isolating = False


class AnyConverter(BaseConverter):
    def __init__(self, map=None, *items):
        super().__init__(map)
        self.regex = f"(?:{'|'.join(re.escape(x) for x in items)})"


class IntegerConverter(BaseConverter):
    regex = r"\d+"

    def __init__(self, map=None, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map)
        if signed:
            self.regex = r"-?\d+"
        self.min, self.max = min, max

    def to_python(self, value):
        number = int(value)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise ValidationError()
        return number


class FloatConverter(IntegerConverter):
    regex = r"\d+\.\d+"

    def to_python(self, value):
        return float(value)


class UUIDConverter(BaseConverter):
    regex = r"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}"

    def to_python(self, value):
        return uuid.UUID(value)


DEFAULT_CONVERTERS = {
    "default": UnicodeConverter, "string": UnicodeConverter, "any": AnyConverter, "path": PathConverter,
    "int": IntegerConverter, "float": FloatConverter, "uuid": UUIDConverter,
}

_PART = re.compile(r"<(?:(?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\((?P<args>.*?)\))?:)?(?P<variable>[a-zA-Z_][a-zA-Z0-9_]*)>")


def _converter_args(text):
    if not text:
        return (), {}
    args, kwargs = [], {}
    for piece in text.split(","):
        piece = piece.strip()
        if "=" in piece:
            key, _, value = piece.partition("=")
            kwargs[key.strip()] = _literal(value.strip())
        elif piece:
            args.append(_literal(piece))
    return tuple(args), kwargs


def _literal(text):
    if text[:1] in "'\"" and text[-1:] == text[:1]:
        return text[1:-1]
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"True": True, "False": False, "None": None}.get(text, text)


class RequestRedirect(HTTPException):
    code = 308

    def __init__(self, new_url):
        super().__init__(new_url)
        self.new_url = new_url

    def get_response(self, environ=None, scope=None):
        from .utils import redirect

        return redirect(self.new_url, self.code)


class Rule:
    def __init__(self, string, methods=None, endpoint=None, strict_slashes=None, defaults=None, **options):
        if not string.startswith("/"):
            raise ValueError(f"URL rule '{string}' must start with a slash.")
        self.rule = string
        self.endpoint = endpoint
        self.defaults = defaults
        self.strict_slashes = True if strict_slashes is None else strict_slashes
        if methods is not None:
            if isinstance(methods, str):
                raise TypeError("'methods' should be a list of strings.")
            methods = {m.upper() for m in methods}
            if "HEAD" not in methods and "GET" in methods:
                methods.add("HEAD")
        self.methods = methods
        self.arguments = set()
        self.converters = {}
        self._regex = None
        self.map = None

    def bind(self, map):
        self.map = map
        pattern = ""
        position = 0
        converters = dict(DEFAULT_CONVERTERS, **(map.converters if map else {}))
        for match in _PART.finditer(self.rule):
            pattern += re.escape(self.rule[position:match.start()])
            name = match.group("converter") or "default"
            if name not in converters:
                raise LookupError(f"the converter {name!r} does not exist")
            args, kwargs = _converter_args(match.group("args"))
            converter = converters[name](map, *args, **kwargs)
            variable = match.group("variable")
            self.converters[variable] = converter
            self.arguments.add(variable)
            pattern += f"(?P<{variable}>{converter.regex})"
            position = match.end()
        pattern += re.escape(self.rule[position:])
        self._regex = re.compile(f"^{pattern}$")
        self._slash = self.rule.endswith("/") and self.strict_slashes

    def match(self, path):
        """The converted arguments, "slash" when only a trailing slash is missing, or None."""
        found = self._regex.match(path)
        if found is None:
            if self._slash and self._regex.match(path + "/"):
                return "slash"
            return None
        values = {}
        for name, text in found.groupdict().items():
            try:
                values[name] = self.converters[name].to_python(text)
            except ValidationError:
                return None
        if self.defaults:
            values = {**self.defaults, **values}
        return values

    def __repr__(self):
        methods = f" ({', '.join(sorted(self.methods))})" if self.methods else ""
        return f"<Rule '{self.rule}'{methods} -> {self.endpoint}>"


class Map:
    def __init__(self, rules=None, strict_slashes=True, converters=None, **options):
        self.converters = dict(converters or {})
        self.strict_slashes = strict_slashes
        self._rules = []
        for rule in rules or ():
            self.add(rule)

    def add(self, rule):
        rule.bind(self)
        self._rules.append(rule)

    def iter_rules(self, endpoint=None):
        return iter([r for r in self._rules if endpoint is None or r.endpoint == endpoint])

    def match(self, path, method):
        """(rule, arguments) for the request, or raises NotFound / MethodNotAllowed /
        RequestRedirect as werkzeug's MapAdapter.match does."""
        allowed = set()
        redirect_to = None
        for rule in self._rules:
            values = rule.match(path)
            if values is None:
                continue
            if values == "slash":
                if redirect_to is None:
                    redirect_to = path + "/"
                continue
            if rule.methods is not None and method not in rule.methods and not (method == "OPTIONS"):
                allowed.update(rule.methods)
                continue
            return rule, values
        if redirect_to is not None:
            raise RequestRedirect(redirect_to)
        if allowed:
            raise MethodNotAllowed(valid_methods=sorted(allowed))
        raise NotFound()


class BuildError(LookupError):
    def __init__(self, endpoint, values, method, adapter=None):
        super().__init__(endpoint, values, method)
        self.endpoint = endpoint
        self.values = values
        self.method = method

    def __str__(self):
        return f"Could not build url for endpoint {self.endpoint!r}. Did you forget to specify values {sorted(self.values)!r}?"
