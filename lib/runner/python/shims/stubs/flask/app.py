"""The Flask application object, dispatching as Flask 3.1.3 does (pallets/flask tag 3.1.3,
22d92470, src/flask/app.py): before_request functions (the first to return a value answers),
the view, error handlers looked up by code and by exception class, make_response's conversion
of the view's return value, after_request functions in reverse order. An exception no handler
takes is logged "Exception on <path> [<method>]" with its traceback and becomes werkzeug's 500
page; the simulator also reports it as the run's error, on the line that raised.

The app is a WSGI callable: it registers itself as the entry on the platforms that serve WSGI
(gunicorn, Heroku, Cloud Run, Vercel), named after the variable that holds it.
"""

import collections.abc as cabc
import inspect
import logging
import os
import sys

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import Map, RequestRedirect, Rule

from _deadline import entry as _entry
from _deadline import logs as _logs
from _deadline import state as _state
from _deadline import wsgi as _wsgi

from . import globals as _globals
from .json import DefaultJSONProvider
from .wrappers import Request, Response


class Config(dict):
    def __init__(self, root_path="", defaults=None):
        super().__init__(defaults or {})
        self.root_path = root_path

    def from_object(self, obj):
        if isinstance(obj, str):
            import importlib

            obj = importlib.import_module(obj)
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)

    def from_mapping(self, mapping=None, **kwargs):
        for key, value in {**dict(mapping or {}), **kwargs}.items():
            if key.isupper():
                self[key] = value
        return True

    def from_prefixed_env(self, prefix="FLASK", *, loads=None):
        import json

        for key, value in os.environ.items():
            if key.startswith(f"{prefix}_"):
                try:
                    value = (loads or json.loads)(value)
                except ValueError:
                    pass
                self[key[len(prefix) + 1:]] = value
        return True

    def from_envvar(self, variable_name, silent=False):
        return silent

    def from_pyfile(self, filename, silent=False):
        return silent

    def get_namespace(self, namespace, lowercase=True, trim_namespace=True):
        out = {}
        for key, value in self.items():
            if key.startswith(namespace):
                name = key[len(namespace):] if trim_namespace else key
                out[name.lower() if lowercase else name] = value
        return out


_DEFAULT_CONFIG = {
    "DEBUG": False, "TESTING": False, "PROPAGATE_EXCEPTIONS": None, "SECRET_KEY": None,
    "SERVER_NAME": None, "APPLICATION_ROOT": "/", "MAX_CONTENT_LENGTH": None, "JSON_SORT_KEYS": True,
}


class _Scaffold:
    """What Flask and Blueprint share: rules, hooks and error handlers, registered by decorators."""

    def __init__(self, import_name):
        self.import_name = import_name
        self.deferred = []
        self.before_request_funcs = []
        self.after_request_funcs = []
        self.teardown_request_funcs = []
        self.error_handler_spec = {}

    def route(self, rule, **options):
        def decorator(f):
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, f, **options)
            return f

        return decorator

    def _method_route(self, method, rule, options):
        if "methods" in options:
            raise TypeError("Use the 'route' decorator to use the 'methods' argument.")
        return self.route(rule, methods=[method], **options)

    def get(self, rule, **options):
        return self._method_route("GET", rule, options)

    def post(self, rule, **options):
        return self._method_route("POST", rule, options)

    def put(self, rule, **options):
        return self._method_route("PUT", rule, options)

    def delete(self, rule, **options):
        return self._method_route("DELETE", rule, options)

    def patch(self, rule, **options):
        return self._method_route("PATCH", rule, options)

    def before_request(self, f):
        self.before_request_funcs.append(f)
        return f

    def after_request(self, f):
        self.after_request_funcs.append(f)
        return f

    def teardown_request(self, f):
        self.teardown_request_funcs.append(f)
        return f

    def errorhandler(self, code_or_exception):
        def decorator(f):
            self.register_error_handler(code_or_exception, f)
            return f

        return decorator

    def register_error_handler(self, code_or_exception, f):
        key = code_or_exception
        if isinstance(key, type) and issubclass(key, HTTPException) and key.code is not None:
            key = key.code
        self.error_handler_spec[key] = f


class Blueprint(_Scaffold):
    def __init__(self, name, import_name, static_folder=None, static_url_path=None, template_folder=None,
                 url_prefix=None, subdomain=None, url_defaults=None, root_path=None, cli_group=None):
        super().__init__(import_name)
        if "." in name:
            raise ValueError("'name' may not contain a dot '.' character.")
        self.name = name
        self.url_prefix = url_prefix
        self.rules = []
        self.blueprints = []

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        self.rules.append((rule, endpoint or (view_func.__name__ if view_func else None), view_func, options))

    def register_blueprint(self, blueprint, **options):
        self.blueprints.append((blueprint, options))

    def before_app_request(self, f):
        self.before_request_funcs.append(f)
        return f

    def app_errorhandler(self, code):
        return self.errorhandler(code)


class Flask(_Scaffold):
    request_class = Request
    response_class = Response
    json_provider_class = DefaultJSONProvider

    def __init__(self, import_name, static_url_path=None, static_folder="static", static_host=None,
                 host_matching=False, subdomain_matching=False, template_folder="templates",
                 instance_path=None, instance_relative_config=False, root_path=None):
        super().__init__(import_name)
        self.name = import_name
        self.root_path = root_path or os.getcwd()
        self.template_folder = template_folder
        self.static_folder = static_folder
        self.config = Config(self.root_path, _DEFAULT_CONFIG)
        self.url_map = Map()
        self.view_functions = {}
        self.blueprints = {}
        self.extensions = {}
        self.json = self.json_provider_class(self)
        self._deadline_g = _globals._AppGlobals()
        self._got_first_request = False
        self._logger = None
        if static_folder:
            self.add_url_rule(f"{static_url_path or '/static'}/<path:filename>", "static", self._send_static)
        # The WSGI entry on the platforms that serve one (see _deadline/wsgi.py); an app a
        # framework makes for itself (functions_framework's) is not the user's entry.
        if not getattr(type(self), "_deadline_internal", False):
            _wsgi.register(self, "Flask app")

    # ---- configuration ------------------------------------------------------------------------

    debug = property(lambda self: bool(self.config["DEBUG"]), lambda self, v: self.config.__setitem__("DEBUG", v))
    testing = property(lambda self: bool(self.config["TESTING"]), lambda self, v: self.config.__setitem__("TESTING", v))
    secret_key = property(lambda self: self.config["SECRET_KEY"], lambda self, v: self.config.__setitem__("SECRET_KEY", v))

    @property
    def logger(self):
        if self._logger is None:
            logger = logging.getLogger(self.name)
            if logger.level == logging.NOTSET:
                logger.setLevel(logging.DEBUG if self.debug else logging.NOTSET)
            if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers) and not logging.getLogger().handlers:
                # flask/logging.py default_handler, on wsgi.errors (stderr).
                handler = logging.StreamHandler(sys.stderr)
                handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s"))
                logger.addHandler(handler)
            self._logger = logger
        return self._logger

    # ---- registration -------------------------------------------------------------------------

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options):
        if endpoint is None:
            if view_func is None:
                raise TypeError("add_url_rule() needs an endpoint or a view function")
            endpoint = view_func.__name__
        methods = options.pop("methods", None)
        if methods is None:
            methods = getattr(view_func, "methods", None) or ("GET",)
        if isinstance(methods, str):
            raise TypeError("Allowed methods must be a list of strings, for example: @app.route(..., methods=[\"POST\"])")
        methods = {m.upper() for m in methods}
        methods.add("OPTIONS")
        self.url_map.add(Rule(rule, methods=methods, endpoint=endpoint, **options))
        if view_func is not None:
            existing = self.view_functions.get(endpoint)
            if existing is not None and existing is not view_func:
                raise AssertionError(
                    f"View function mapping is overwriting an existing endpoint function: {endpoint}"
                )
            self.view_functions[endpoint] = view_func

    def register_blueprint(self, blueprint, url_prefix=None, name=None, **options):
        name = name or blueprint.name
        if name in self.blueprints:
            raise ValueError(f"The name '{name}' is already registered for a blueprint.")
        self.blueprints[name] = blueprint
        prefix = url_prefix if url_prefix is not None else (blueprint.url_prefix or "")
        for rule, endpoint, view_func, rule_options in blueprint.rules:
            path = (prefix.rstrip("/") + "/" + rule.lstrip("/")) if prefix else rule
            if rule == "" or rule == "/" and prefix:
                path = prefix.rstrip("/") + rule
            self.add_url_rule(path or "/", f"{name}.{endpoint}", view_func, **dict(rule_options))
        for child, child_options in blueprint.blueprints:
            child_prefix = (prefix.rstrip("/") + (child_options.get("url_prefix") or child.url_prefix or "")) if prefix else None
            self.register_blueprint(child, url_prefix=child_prefix, name=f"{name}.{child.name}")
        self.before_request_funcs.extend(blueprint.before_request_funcs)
        self.after_request_funcs.extend(blueprint.after_request_funcs)
        for key, handler in blueprint.error_handler_spec.items():
            self.error_handler_spec.setdefault(key, handler)

    def app_context(self):
        return _AppContext(self)

    def test_request_context(self, path="/", method="GET", **kwargs):
        from _deadline import http_event

        request = http_event.read({"method": method, "path": path, **kwargs})
        return _RequestContext(self, self.request_class(_wsgi.environ_for(request)))

    def run(self, host=None, port=None, debug=None, load_dotenv=True, **options):
        # The development server serves until it is stopped: nothing after app.run() runs.
        raise _state.WorkerExit()

    # ---- dispatching --------------------------------------------------------------------------

    def ensure_sync(self, func):
        if inspect.iscoroutinefunction(func):
            return lambda *args, **kwargs: _entry.drive(func(*args, **kwargs))
        return func

    def _find_error_handler(self, error):
        if isinstance(error, HTTPException) and error.code in self.error_handler_spec:
            return self.error_handler_spec[error.code]
        for cls in type(error).__mro__:
            if cls in self.error_handler_spec:
                return self.error_handler_spec[cls]
        return None

    def handle_http_exception(self, e):
        if e.code is None or isinstance(e, RequestRedirect):
            return e
        handler = self._find_error_handler(e)
        return e if handler is None else self.ensure_sync(handler)(e)

    def handle_user_exception(self, e):
        if isinstance(e, HTTPException):
            return self.handle_http_exception(e)
        handler = self._find_error_handler(e)
        if handler is None:
            raise e
        return self.ensure_sync(handler)(e)

    def handle_exception(self, e):
        propagate = self.config["PROPAGATE_EXCEPTIONS"]
        if propagate is None:
            propagate = self.testing or self.debug
        if propagate:
            raise e
        request = _globals.top().request
        # The traceback goes in the message (as exc_info would print it) so that whatever handler
        # the app's logging has, it shows the user's frames, not the simulator's.
        self.logger.error(f"Exception on {request.path} [{request.method}]\n{_logs.exc_info_text(e)}")
        run = _state.current
        if run is not None and run.error is None:
            # The worker answers 500 and goes on; the handler failed, at the line that raised.
            run.error = _entry.error_info(run, e)
        server_error = InternalServerError(original_exception=e)
        handler = self._find_error_handler(server_error)
        if handler is not None:
            server_error = self.ensure_sync(handler)(server_error)
        return self.finalize_request(server_error, from_error_handler=True)

    def dispatch_request(self):
        request = _globals.top().request
        rule, args = self.url_map.match(request.path, request.method)
        request.url_rule = rule
        request.view_args = args
        if request.method == "OPTIONS" and "OPTIONS" not in {m for m in (rule.methods or ()) if m != "OPTIONS"}:
            response = self.response_class()
            response.headers["Allow"] = ", ".join(sorted(rule.methods or ()))
            return response
        view = self.view_functions[rule.endpoint]
        return self.ensure_sync(view)(**args)

    def preprocess_request(self):
        for func in self.before_request_funcs:
            rv = self.ensure_sync(func)()
            if rv is not None:
                return rv
        return None

    def full_dispatch_request(self):
        self._got_first_request = True
        try:
            rv = self.preprocess_request()
            if rv is None:
                rv = self.dispatch_request()
        except Exception as e:
            rv = self.handle_user_exception(e)
        return self.finalize_request(rv)

    def finalize_request(self, rv, from_error_handler=False):
        response = self.make_response(rv)
        try:
            response = self.process_response(response)
        except Exception:
            if not from_error_handler:
                raise
            self.logger.error("Request finalizing failed with an error while handling an error")
        return response

    def process_response(self, response):
        ctx = _globals.top()
        for func in reversed(ctx.after):
            response = self.ensure_sync(func)(response)
        for func in reversed(self.after_request_funcs):
            response = self.ensure_sync(func)(response)
        return response

    def make_response(self, rv):
        status = headers = None
        if isinstance(rv, tuple):
            if len(rv) == 3:
                rv, status, headers = rv
            elif len(rv) == 2:
                if isinstance(rv[1], (Headers, dict, tuple, list)):
                    rv, headers = rv
                else:
                    rv, status = rv
            else:
                raise TypeError(
                    "The view function did not return a valid response tuple. The tuple must have the form "
                    "(body, status, headers), (body, status), or (body, headers)."
                )
        if rv is None:
            request = _globals.top().request
            raise TypeError(
                f"The view function for {request.endpoint!r} did not return a valid response. The function either "
                "returned None or ended without a return statement."
            )
        if not isinstance(rv, self.response_class):
            if isinstance(rv, (str, bytes, bytearray)) or isinstance(rv, cabc.Iterator):
                rv = self.response_class(rv, status=status, headers=headers)
                status = headers = None
            elif isinstance(rv, (dict, list)):
                rv = self.json.response(rv)
            elif isinstance(rv, HTTPException):
                rv = self.response_class.force_type(rv.get_response(), None)
            elif callable(rv) or hasattr(rv, "status_code"):
                rv = self.response_class.force_type(rv, _globals.top().request.environ)
            else:
                raise TypeError(
                    "The view function did not return a valid response. The return type must be a string, dict, list, "
                    f"tuple with headers or status, Response instance, or WSGI callable, but it was a {type(rv).__name__}."
                )
        if status is not None:
            if isinstance(status, (str, bytes, bytearray)):
                rv.status = status
            else:
                rv.status_code = status
        if headers:
            rv.headers.update(headers)
        return rv

    def wsgi_app(self, environ, start_response):
        ctx = _RequestContext(self, self.request_class(environ))
        _globals.push(ctx)
        error = None
        try:
            try:
                response = self.full_dispatch_request()
            except Exception as e:
                error = e
                response = self.handle_exception(e)
            return response(environ, start_response)
        finally:
            for func in reversed(self.teardown_request_funcs):
                self.ensure_sync(func)(error)
            _globals.pop()

    def __call__(self, environ, start_response):
        return self.wsgi_app(environ, start_response)

    # ---- helpers ------------------------------------------------------------------------------

    def _build_url(self, endpoint, values, anchor=None, external=None):
        from urllib.parse import urlencode

        for rule in self.url_map.iter_rules(endpoint):
            if not rule.arguments <= set(values):
                continue
            path = rule.rule
            for name, converter in rule.converters.items():
                import re

                path = re.sub(rf"<(?:[^>:]+:)?{name}>", converter.to_url(values[name]), path)
            extra = {k: v for k, v in values.items() if k not in rule.arguments}
            url = path + (f"?{urlencode(extra)}" if extra else "") + (f"#{anchor}" if anchor else "")
            return f"http://localhost{url}" if external else url
        from werkzeug.routing import BuildError

        raise BuildError(endpoint, values, None)

    def _send_static(self, filename):
        from werkzeug.exceptions import NotFound

        raise NotFound()

    def __repr__(self):
        return f"<Flask {self.name!r}>"


class _RequestContext(_globals._Context):
    def __enter__(self):
        _globals.push(self)
        return self

    def __exit__(self, *exc):
        _globals.pop()

    def push(self):
        _globals.push(self)

    def pop(self, exc=None):
        _globals.pop()


class _AppContext:
    def __init__(self, app):
        self.app = app

    def __enter__(self):
        _globals._app_stack.append(self.app)
        return self

    def __exit__(self, *exc):
        _globals._app_stack.pop()

    push = __enter__

    def pop(self, exc=None):
        self.__exit__()
