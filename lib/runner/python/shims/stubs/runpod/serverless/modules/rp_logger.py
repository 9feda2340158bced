"""RunPodLogger with the SDK's output format and default level (DEBUG). The SDK's own debug
chatter is not reproduced; what the handler logs is."""

import json
import os

LOG_LEVELS = ["NOTSET", "TRACE", "DEBUG", "INFO", "WARN", "ERROR"]


def _validate_log_level(log_level):
    if isinstance(log_level, str):
        log_level = log_level.upper()
        if log_level not in LOG_LEVELS:
            raise ValueError(f"Invalid debug level: {log_level}")
        return log_level
    if isinstance(log_level, int):
        if log_level < 0 or log_level >= len(LOG_LEVELS):
            raise ValueError(f"Invalid debug level: {log_level}")
        return LOG_LEVELS[log_level]
    raise ValueError(f"Invalid debug level: {log_level}")


class RunPodLogger:
    __instance = None
    level = _validate_log_level(os.environ.get("RUNPOD_LOG_LEVEL", os.environ.get("RUNPOD_DEBUG_LEVEL", "DEBUG")))

    def __new__(cls):
        if RunPodLogger.__instance is None:
            RunPodLogger.__instance = object.__new__(cls)
        return RunPodLogger.__instance

    def set_level(self, new_level):
        self.level = _validate_log_level(new_level)
        self.info(f"Log level set to {self.level}")

    def log(self, message, message_level="INFO", job_id=None):
        if self.level == "NOTSET":
            return
        if LOG_LEVELS.index(self.level) > LOG_LEVELS.index(message_level) and message_level != "TIP":
            return
        message = str(message)
        if os.environ.get("RUNPOD_ENDPOINT_ID"):
            print(json.dumps({"requestId": job_id, "message": message, "level": message_level}), flush=True)
            return
        if job_id:
            message = f"{job_id} | {message}"
        print(f"{message_level.ljust(7)}| {message}", flush=True)

    def secret(self, secret_name, secret):
        secret = str(secret)
        self.info(f"{secret_name}: {secret[0] + '*' * (len(secret) - 2) + secret[-1]}")

    def debug(self, message, request_id=None):
        self.log(message, "DEBUG", request_id)

    def info(self, message, request_id=None):
        self.log(message, "INFO", request_id)

    def warn(self, message, request_id=None):
        self.log(message, "WARN", request_id)

    def error(self, message, request_id=None):
        self.log(message, "ERROR", request_id)

    def tip(self, message):
        self.log(message, "TIP")

    def trace(self, message, request_id=None):
        self.log(message, "TRACE", request_id)
