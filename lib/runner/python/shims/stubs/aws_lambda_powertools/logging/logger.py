"""Logger: a logging.Logger named after the service, writing LambdaPowertoolsFormatter lines to
stdout; level from POWERTOOLS_LOG_LEVEL (or LOG_LEVEL), INFO by default; service from
POWERTOOLS_SERVICE_NAME, "service_undefined" by default. inject_lambda_context adds cold_start
and the function_* keys from the context (and a correlation id read from the event)."""

import functools
import logging
import os
import sys

from .formatter import LambdaPowertoolsFormatter

is_cold_start = True


def _is_cold_start():
    global is_cold_start
    cold, is_cold_start = is_cold_start, False
    return cold


def query(expression, data):
    """The value at a JMESPath made of dotted names (quoted names allowed), or None."""
    import re

    value = data
    for part in re.findall(r'"([^"]+)"|([^.]+)', expression):
        key = part[0] or part[1]
        if isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


class Logger:
    def __init__(self, service=None, level=None, child=False, sampling_rate=None, stream=None,
                 logger_formatter=None, logger_handler=None, log_uncaught_exceptions=False, json_serializer=None,
                 json_deserializer=None, json_default=None, datefmt=None, use_datetime_directive=False,
                 log_record_order=None, utc=False, use_rfc3339=False, serialize_stacktrace=True, **kwargs):
        self.service = service or os.getenv("POWERTOOLS_SERVICE_NAME") or "service_undefined"
        self.child = child
        name = self.service if not child else f"{self.service}.{sys._getframe(1).f_globals.get('__name__', 'child')}"
        self._logger = logging.getLogger(name)
        if child:
            parent = logging.getLogger(self.service)
            self.registered_formatter = getattr(parent, "_deadline_formatter", None) or LambdaPowertoolsFormatter(service=self.service)
            return
        self.registered_formatter = logger_formatter or LambdaPowertoolsFormatter(
            json_serializer=json_serializer, json_deserializer=json_deserializer, json_default=json_default,
            datefmt=datefmt, log_record_order=log_record_order, utc=utc, service=self.service,
            sampling_rate=sampling_rate, **kwargs,
        )
        self._logger._deadline_formatter = self.registered_formatter
        handler = logger_handler or logging.StreamHandler(stream or sys.stdout)
        handler.setFormatter(self.registered_formatter)
        self._logger.handlers = [handler]
        self._logger.propagate = False
        self._logger.setLevel(self._level(level))

    @staticmethod
    def _level(level):
        if isinstance(level, int):
            return level
        text = level or os.getenv("POWERTOOLS_LOG_LEVEL") or os.getenv("LOG_LEVEL") or "INFO"
        return logging.getLevelName(str(text).upper()) if isinstance(logging.getLevelName(str(text).upper()), int) else logging.INFO

    # ---- logging ------------------------------------------------------------------------------

    def _log(self, level, msg, args, exc_info=None, stack_info=False, stacklevel=2, extra=None, **kwargs):
        extra = {**(extra or {}), **kwargs}
        self._logger.log(level, msg, *args, exc_info=exc_info, stack_info=stack_info, stacklevel=stacklevel + 1, extra=extra)

    def debug(self, msg, *args, **kwargs):
        self._log(logging.DEBUG, msg, args, **kwargs)

    def info(self, msg, *args, **kwargs):
        self._log(logging.INFO, msg, args, **kwargs)

    def warning(self, msg, *args, **kwargs):
        self._log(logging.WARNING, msg, args, **kwargs)

    def error(self, msg, *args, **kwargs):
        self._log(logging.ERROR, msg, args, **kwargs)

    def critical(self, msg, *args, **kwargs):
        self._log(logging.CRITICAL, msg, args, **kwargs)

    def exception(self, msg, *args, exc_info=True, **kwargs):
        self._log(logging.ERROR, msg, args, exc_info=exc_info, **kwargs)

    def setLevel(self, level):
        self._logger.setLevel(self._level(level))

    @property
    def log_level(self):
        return self._logger.level

    def addHandler(self, handler):
        self._logger.addHandler(handler)

    @property
    def handlers(self):
        return self._logger.handlers

    # ---- keys ---------------------------------------------------------------------------------

    def append_keys(self, **additional_keys):
        self.registered_formatter.append_keys(**additional_keys)

    structure_logs = append_keys

    def remove_keys(self, keys):
        self.registered_formatter.remove_keys(keys)

    def set_correlation_id(self, value):
        self.append_keys(correlation_id=value)

    def get_correlation_id(self):
        return self.registered_formatter.log_format.get("correlation_id")

    def inject_lambda_context(self, lambda_handler=None, log_event=None, correlation_id_path=None, clear_state=False):
        if lambda_handler is None:
            return functools.partial(self.inject_lambda_context, log_event=log_event,
                                     correlation_id_path=correlation_id_path, clear_state=clear_state)
        log_event = log_event if log_event is not None else os.getenv("POWERTOOLS_LOGGER_LOG_EVENT", "false").lower() == "true"

        @functools.wraps(lambda_handler)
        def decorate(event, context, *args, **kwargs):
            cold_start = _is_cold_start()
            if clear_state:
                self.registered_formatter.clear_state()
            self.append_keys(
                cold_start=cold_start,
                function_name=getattr(context, "function_name", "UNDEFINED"),
                function_memory_size=getattr(context, "memory_limit_in_mb", 128),
                function_arn=getattr(context, "invoked_function_arn", "UNDEFINED"),
                function_request_id=getattr(context, "aws_request_id", "UNDEFINED"),
            )
            if correlation_id_path:
                self.set_correlation_id(query(correlation_id_path, event))
            if log_event:
                self.info(event)
            return lambda_handler(event, context, *args, **kwargs)

        return decorate
