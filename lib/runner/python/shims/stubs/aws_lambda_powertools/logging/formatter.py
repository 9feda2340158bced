"""LambdaPowertoolsFormatter: one compact JSON object per record, keys in the order level,
location, message, timestamp, then the logger's own keys (service, cold_start, function_*,
correlation_id, ...), xray_trace_id when _X_AMZN_TRACE_ID is set; None values dropped; the
timestamp "%Y-%m-%d %H:%M:%S,<ms>%z" in local time (UTC on Lambda); a str message that is JSON
is decoded; exceptions as "exception" and "exception_name"."""

import json
import logging
import os
import time

from _deadline import logs as _logs


class LambdaPowertoolsFormatter(logging.Formatter):
    default_time_format = "%Y-%m-%d %H:%M:%S,%F%z"

    def __init__(self, json_serializer=None, json_deserializer=None, json_default=None, datefmt=None,
                 use_datetime_directive=False, log_record_order=None, utc=False, use_rfc3339=False,
                 serialize_stacktrace=True, **kwargs):
        self.json_default = json_default or str
        self.json_serializer = json_serializer or (lambda log: json.dumps(log, default=self.json_default, separators=(",", ":"), ensure_ascii=False))
        self.json_deserializer = json_deserializer or json.loads
        self.utc = utc
        self.converter = time.gmtime if utc else time.localtime
        self.log_record_order = log_record_order or ["level", "location", "message", "timestamp"]
        self.log_format = dict.fromkeys(self.log_record_order)
        self.log_format.update({"level": "%(levelname)s", "location": "%(funcName)s:%(lineno)d", "timestamp": "%(asctime)s"})
        self.log_format.update(kwargs)
        super().__init__(datefmt=datefmt)

    def append_keys(self, **additional_keys):
        self.log_format.update(additional_keys)

    def remove_keys(self, keys):
        for key in keys:
            self.log_format.pop(key, None)

    def clear_state(self):
        self.log_format = dict.fromkeys(self.log_record_order)
        self.log_format.update({"level": "%(levelname)s", "location": "%(funcName)s:%(lineno)d", "timestamp": "%(asctime)s"})

    def formatTime(self, record, datefmt=None):
        record_ts = self.converter(record.created)
        msecs = "%03d" % record.msecs
        fmt = (datefmt or self.default_time_format).replace("%F", msecs)
        return time.strftime(fmt, record_ts)

    def _message(self, record):
        message = record.msg
        if isinstance(message, dict):
            return message
        if record.args:
            return record.getMessage()
        if isinstance(message, str):
            try:
                return self.json_deserializer(message)
            except (ValueError, TypeError):
                pass
        return message

    def format(self, record):
        values = {}
        record_dict = dict(record.__dict__)
        record_dict["asctime"] = self.formatTime(record, self.datefmt)
        for key, value in self.log_format.items():
            if isinstance(value, str) and "%(" in value:
                try:
                    values[key] = value % record_dict
                except (KeyError, TypeError, ValueError):
                    values[key] = value
            else:
                values[key] = value
        for key, value in record_dict.items():
            if key not in _RESERVED and key not in values:
                values[key] = value
        values["message"] = self._message(record)
        if record.exc_info and record.exc_info[1] is not None:
            values["exception"] = _logs.exc_info_text(record.exc_info[1])
            values["exception_name"] = type(record.exc_info[1]).__name__
        trace = os.getenv("_X_AMZN_TRACE_ID")
        if trace:
            values["xray_trace_id"] = trace.split(";")[0].replace("Root=", "")
        return self.json_serializer({k: v for k, v in values.items() if v is not None})


_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"asctime", "message", "taskName"}
