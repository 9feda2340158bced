"""How the runner describes what went wrong: error dicts of the shared result contract, and the
JSON form of a handler's return value."""

import json
import traceback


def type_name(error):
    cls = type(error)
    module = cls.__module__
    if module in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def error_info(run, error):
    if isinstance(error, SyntaxError) and error.filename == run.filename:
        line = error.lineno
        message = error.msg
    else:
        line = run.line_from_traceback(error.__traceback__)
        message = str(error)
    if line is None and isinstance(error, SyntaxError):
        line = error.lineno
    return {"type": type_name(error), "message": message, "line": line}


def user_stack(run, error):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == run.filename]
    return traceback.format_list(frames)


def _placeholder(value):
    # Values of modelled modules stand for something real (a tensor, a transcript): the result
    # shows their placeholder text instead of failing to serialise.
    # (model.py marks their classes; checked on the type so nothing is looked up on the value.)
    if getattr(type(value), "_deadline_modelled", False):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def json_safe(value):
    return json.loads(json.dumps(value, allow_nan=False, default=_placeholder))
