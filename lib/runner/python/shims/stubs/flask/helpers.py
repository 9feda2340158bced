"""Flask's helpers: make_response, abort, redirect, url_for, templates (only `{{ name }}` is
substituted: Jinja is not simulated), send_file, stream_with_context."""

import re

from werkzeug.exceptions import abort as _abort
from werkzeug.utils import redirect as _redirect

from .globals import _current_app, _no_app, _no_request, top


def _app():
    app = _current_app()
    if app is None:
        raise RuntimeError(_no_app)
    return app


def make_response(*args):
    app = _app()
    if not args:
        return app.response_class()
    if len(args) == 1:
        args = args[0]
    return app.make_response(args)


def abort(code, *args, **kwargs):
    _abort(code, *args, **kwargs)


def redirect(location, code=302, Response=None):
    app = _current_app()
    if Response is None and app is not None:
        Response = app.response_class
    return _redirect(location, code, Response)


def url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values):
    app = _app()
    ctx = top()
    if endpoint.startswith(".") and ctx is not None and ctx.request.blueprint:
        endpoint = ctx.request.blueprint + endpoint
    return app._build_url(endpoint, values, _anchor, _external)


def after_this_request(f):
    ctx = top()
    if ctx is None:
        raise RuntimeError(_no_request)
    ctx.after.append(f)
    return f


def has_request_context():
    return top() is not None


def has_app_context():
    return _current_app() is not None


def copy_current_request_context(f):
    return f


def stream_with_context(generator_or_function):
    if callable(generator_or_function) and not hasattr(generator_or_function, "__next__"):
        return lambda *a, **k: generator_or_function(*a, **k)
    return generator_or_function


def get_flashed_messages(*args, **kwargs):
    return []


def flash(message, category="message"):
    pass


class TemplateNotFound(Exception):
    pass


def _render(source, context):
    def value_of(match):
        expression = match.group(1).strip()
        head, *rest = expression.split(".")
        value = context.get(head, "")
        for part in rest:
            value = getattr(value, part, value.get(part, "") if isinstance(value, dict) else "")
        return str(value)

    return re.sub(r"\{\{(.*?)\}\}", value_of, source)


def render_template_string(source, **context):
    return _render(source, context)


def render_template(template_name_or_list, **context):
    app = _app()
    import os

    names = [template_name_or_list] if isinstance(template_name_or_list, str) else list(template_name_or_list)
    for name in names:
        path = os.path.join(app.root_path, app.template_folder or "templates", name)
        try:
            with open(path, encoding="utf-8") as f:
                return _render(f.read(), context)
        except OSError:
            continue
    raise TemplateNotFound(names[0] if names else "")


def send_file(path_or_file, mimetype=None, as_attachment=False, download_name=None, **kwargs):
    app = _app()
    if hasattr(path_or_file, "read"):
        data = path_or_file.read()
    else:
        with open(path_or_file, "rb") as f:
            data = f.read()
    response = app.response_class(data, mimetype=mimetype or "application/octet-stream")
    if as_attachment:
        response.headers["Content-Disposition"] = f"attachment; filename={download_name or 'file'}"
    return response
