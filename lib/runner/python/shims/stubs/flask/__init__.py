"""Simulator stub of Flask 3.1.3 (pallets/flask tag 3.1.3, 22d92470) on the werkzeug 3.1.8 stub:
routes, request, responses, error handlers and hooks dispatch as Flask does, and the app is
served as a WSGI app (gunicorn's sync worker, Heroku, Cloud Run, Vercel). See ../RUNTIMES.md."""

from werkzeug.exceptions import abort as _werkzeug_abort  # noqa: F401

from . import json
from .app import Blueprint, Config, Flask
from .globals import current_app, g, request, session
from .helpers import (
    abort,
    after_this_request,
    copy_current_request_context,
    flash,
    get_flashed_messages,
    has_app_context,
    has_request_context,
    make_response,
    redirect,
    render_template,
    render_template_string,
    send_file,
    stream_with_context,
    url_for,
)
from .json import jsonify
from .wrappers import Request, Response

__version__ = "3.1.3"

__all__ = [
    "Blueprint", "Config", "Flask", "Request", "Response", "abort", "after_this_request", "copy_current_request_context",
    "current_app", "flash", "g", "get_flashed_messages", "has_app_context", "has_request_context", "json", "jsonify",
    "make_response", "redirect", "render_template", "render_template_string", "request", "send_file", "session",
    "stream_with_context", "url_for",
]
