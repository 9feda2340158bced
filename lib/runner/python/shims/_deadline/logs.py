"""Tracebacks as a framework's log shows them, without the simulator's own frames: a person reads
these, and the stubs' paths (/deadline/...) are not the library's real ones."""

import traceback

from . import state

SHIM_ROOT = "/deadline/"


def format_exception(error):
    """Python's traceback text for `error`, keeping the frames of the user's code (and of their
    project), dropping the simulator's."""
    lines = ["Traceback (most recent call last):\n"]
    for frame in traceback.extract_tb(error.__traceback__):
        if not frame.filename.startswith(SHIM_ROOT):
            lines.extend(traceback.format_list([frame]))
    lines.extend(traceback.format_exception_only(type(error), error))
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if cause is not None and cause is not error:
        return format_exception(cause) + (
            "\nThe above exception was the direct cause of the following exception:\n\n" if error.__cause__ is not None
            else "\nDuring handling of the above exception, another exception occurred:\n\n"
        ) + "".join(lines)
    return "".join(lines)


def exc_info_text(error):
    return format_exception(error).rstrip("\n")


class Formatter:
    """A logging.Formatter mixin whose formatException drops the simulator's frames."""

    def formatException(self, ei):
        return exc_info_text(ei[1]) if ei and ei[1] is not None else ""


def current_run():
    return state.current
