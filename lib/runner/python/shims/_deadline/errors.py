"""How the runner describes what went wrong: error dicts of the shared result contract, and the
JSON form of a handler's return value."""

import json
import re
import traceback


def type_name(error):
    cls = type(error)
    module = cls.__module__
    if module in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


# A location inside the simulator (an ImportError's "(/deadline/stubs/.../__init__.py)") means
# nothing to the person reading the error.
_INTERNAL = re.compile(r" ?\(?/deadline/(?:stubs|_deadline)/[\w./-]*\)?")


# Emscripten numbers errno values its own way (ENOENT is 44, not Linux's 2): a message shows the
# number the handler would see on the platform's Linux. Values from Pyodide's errno module
# (emscripten) and Linux's asm-generic/errno-base.h / errno.h.
_LINUX_ERRNO = {44: 2, 2: 13, 20: 17, 31: 21, 54: 20, 63: 1, 28: 22, 52: 38, 138: 95, 69: 30, 51: 28, 8: 9, 6: 11, 73: 110, 14: 111}
_ERRNO = re.compile(r"^\[Errno (\d+)\]")


def clean(message):
    message = _INTERNAL.sub("", message)
    return _ERRNO.sub(lambda m: f"[Errno {_LINUX_ERRNO.get(int(m.group(1)), int(m.group(1)))}]", message)


def error_info(run, error):
    if isinstance(error, SyntaxError) and error.filename == run.filename:
        line = error.lineno
        message = error.msg
    else:
        line = run.line_from_traceback(error.__traceback__)
        message = str(error)
        if isinstance(error, ModuleNotFoundError) and error.name and message == f"No module named {error.name!r}":
            from .imports import runtime_message

            message = runtime_message(error.name) or message
    if line is None and isinstance(error, SyntaxError):
        line = error.lineno
    return {"type": type_name(error), "message": clean(message), "line": line}


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


# Characters of JSON a return value may take: past it the result holds the start of that JSON as
# text. A 300 MB string must not travel to the page (lib/runner/result-limits.ts caps again there).
RESULT_LIMIT = 1_000_000


def json_safe(value):
    text = json.dumps(value, allow_nan=False, default=_placeholder)
    if len(text) > RESULT_LIMIT:
        from . import state

        if state.current is not None:
            state.current.truncated["result"] = RESULT_LIMIT
        return text[:RESULT_LIMIT]
    return json.loads(text)
