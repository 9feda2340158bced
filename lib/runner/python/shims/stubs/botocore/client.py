"""botocore clients on the simulated network, with botocore 1.43.67's defaults and retry rules.

Each API call is a network call to the service's real regional endpoint, as botocore builds it
(S3 virtual-hosted style, https://<bucket>.s3.amazonaws.com in us-east-1 and
https://<bucket>.s3.<region>.amazonaws.com elsewhere; https://sqs.<region>.amazonaws.com/,
https://dynamodb.<region>.amazonaws.com/, https://lambda.<region>.amazonaws.com/2015-03-31/...,
https://bedrock-runtime.<region>.amazonaws.com/model/<id>/...), so latency and response rules for
those hosts apply. Region: region_name, else AWS_DEFAULT_REGION (what botocore reads), else
AWS_REGION (set with it on Lambda), else us-east-1, which the simulator assumes where botocore
would raise NoRegionError, and says so in the span label.

Timeouts: Config(connect_timeout=60, read_timeout=60). Retries (botocore/client.py,
retryhandler.py, retries/standard.py, data/_retry.json):
- mode "legacy" (the default; AWS_RETRY_MODE changes it): 5 attempts in all (DynamoDB 10), a delay
  of rand() * 2 ** (attempt - 1) s (DynamoDB 0.05 * 2 ** (attempt - 1)), retrying connection
  errors, read timeouts, 429, 500, 502, 503, 504, 509 and the throttling codes listed in
  _retry.json (S3 also RequestTimeout and BadDigest, SQS RequestThrottled with 403);
- mode "standard" / "adaptive": 3 attempts in all, a delay of rand() * min(2 ** (attempt - 1), 20)
  s, retrying connection errors and HTTP client errors (read timeouts), 500, 502, 503, 504, the
  transient codes RequestTimeout / RequestTimeoutException / PriorRequestNotComplete and the
  throttling codes of ThrottledRetryableChecker. (Adaptive's client-side rate limiter is not
  modelled.)
- retries={"max_attempts": N} means N retries, N + 1 attempts; total_max_attempts counts them all;
  AWS_MAX_ATTEMPTS likewise. The standard mode's retry quota (500 tokens) is not modelled.
When the attempts run out, a timeout raises botocore's ReadTimeoutError / ConnectTimeoutError /
EndpointConnectionError itself, and an error answer raises ClientError with " (reached max retries:
N)". An error answer's code and message come from its body when it is AWS-shaped JSON (__type /
code, message) or XML (<Code>, <Message>); otherwise the code is the status and the message its
reason phrase, as botocore's parsers do.
"""

import hashlib
import http.client
import json as _json
import os
import random
import re
import uuid
import xml.etree.ElementTree as ET

from _deadline import network

from . import services
from .config import Config
from .exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError

# retries/standard.py (1.43.67), NEW_RETRIES_ENABLED off (its default).
STANDARD_MAX_ATTEMPTS = 3
STANDARD_MAX_BACKOFF = 20
STANDARD_TRANSIENT_CODES = ("RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete")
STANDARD_TRANSIENT_STATUS = (500, 502, 503, 504)
THROTTLED_CODES = (
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
    "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
)
# data/_retry.json (1.43.67): __default__ and per-service legacy policies.
LEGACY_MAX_ATTEMPTS = {"__default__": 5, "dynamodb": 10}
LEGACY_BASE = {"__default__": "rand", "dynamodb": 0.05}
LEGACY_STATUS = (429, 500, 502, 503, 504, 509)
LEGACY_CODES_400 = ("Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                    "ProvisionedThroughputExceededException")
LEGACY_SERVICE_CODES = {
    "s3": {("RequestTimeout", 400), ("BadDigest", 400)},
    "sqs": {("RequestThrottled", 403)},
    "dynamodb": {("ReplicatedWriteConflictException", 409), ("TransactionInProgressException", 400)},
}


def _region(region_name, config):
    if region_name:
        return region_name, None
    if config is not None and config.region_name:
        return config.region_name, None
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION"):
        if os.environ.get(name):
            return os.environ[name], None
    return "us-east-1", "region us-east-1 assumed: no region_name, AWS_DEFAULT_REGION or AWS_REGION"


def _retry_settings(service, config):
    retries = dict((config.retries if config is not None else None) or {})
    mode = retries.get("mode") or os.environ.get("AWS_RETRY_MODE") or "legacy"
    if "total_max_attempts" in retries:
        attempts = int(retries["total_max_attempts"])
    elif "max_attempts" in retries:
        attempts = int(retries["max_attempts"]) + 1
    elif os.environ.get("AWS_MAX_ATTEMPTS"):
        attempts = int(os.environ["AWS_MAX_ATTEMPTS"])
    elif mode == "legacy":
        attempts = LEGACY_MAX_ATTEMPTS.get(service, LEGACY_MAX_ATTEMPTS["__default__"])
    else:
        attempts = STANDARD_MAX_ATTEMPTS
    return mode, attempts


def parse_error(status, headers, body):
    """(code, message) of an error answer, as botocore's JSON and XML parsers read them."""
    text = body.decode("utf-8", errors="replace").strip()
    code = message = None
    if text.startswith("{"):
        try:
            data = _json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            error = data.get("Error") if isinstance(data.get("Error"), dict) else data
            code = error.get("__type") or error.get("code") or error.get("Code")
            message = error.get("message") or error.get("Message")
            if code and "#" in code:
                code = code.rsplit("#", 1)[1]
            if code and ":" in code:
                code = code.split(":", 1)[0]
    elif text.startswith("<"):
        try:
            root = ET.fromstring(text)
            found = {el.tag.rsplit("}", 1)[-1]: (el.text or "") for el in root.iter()}
            code, message = found.get("Code"), found.get("Message")
        except ET.ParseError:
            pass
    code = code or headers.get("x-amzn-errortype", "").split(":", 1)[0] or str(status)
    if message is None:
        message = http.client.responses.get(status, "")
    return code, message


class _ClientMeta:
    def __init__(self, service, region, endpoint_url, config):
        self.service_model = type("ServiceModel", (), {"service_name": service})()
        self.region_name = region
        self.endpoint_url = endpoint_url
        self.config = config
        self.partition = "aws"


class BaseClient:
    """One simulated AWS client. Operations are methods named as boto3's (get_object, ...)."""

    def __init__(self, service_name, region_name=None, endpoint_url=None, config=None, **_credentials):
        service = services.SERVICES.get(service_name)
        if service is None:
            raise NotImplementedError(
                f"boto3.client({service_name!r}) is not simulated: the simulator models "
                f"{', '.join(sorted(services.SERVICES))}; model other AWS calls with requests and a latency "
                f"rule for their host (e.g. *.amazonaws.com=0.2)"
            )
        self._service_name = service_name
        self._service = service
        self._config = config if config is not None else Config()
        region, self._region_note = _region(region_name, self._config)
        self._endpoint_url = endpoint_url.rstrip("/") if endpoint_url else None
        if self._endpoint_url:
            self._region_note = None  # the endpoint URL fixes the host; the region only signs
        self.meta = _ClientMeta(service_name, region, self._endpoint_url or services.endpoint(service_name, region), self._config)
        self._mode, self._max_attempts = _retry_settings(service_name, self._config)
        self.exceptions = _Exceptions()

    def __repr__(self):
        return f"<botocore.client.{self._service['class']} object at {id(self):#x}>"

    def __getattr__(self, name):
        service = object.__getattribute__(self, "_service")
        if name in service["operations"]:
            positional = services.POSITIONAL.get(name)

            def call(*args, **params):
                if args and positional is None:
                    raise TypeError(f"{name}() only accepts keyword arguments.")
                for key, value in zip(positional or (), args):
                    params[key] = value
                return self._call(name, params)
            call.__name__ = name
            return call
        raise AttributeError(
            f"'{service['class']}' object has no attribute '{name}' (the simulator models "
            f"{', '.join(sorted(service['operations']))})"
        )

    def can_paginate(self, operation_name):
        return False

    def close(self):
        pass

    # ---- the call ---------------------------------------------------------------------------

    def _call(self, name, params):
        handler = self._service["operations"][name]
        return handler(self, params)

    def _request(self, operation, method, url, params, shape=None, body=b"", adjust=None):
        """Sends one API call with the retry mode's attempts. `shape` builds the success result from
        the answer; `adjust(target)` may change the answer before the wait (service behaviour such
        as SQS long polling)."""
        line = network.caller_line()
        connect = self._config.connect_timeout
        read = self._config.read_timeout
        attempt = 0
        while True:
            attempt += 1
            target = network.Target(url, method)
            if adjust is not None:
                adjust(target)
            note = f"{self._service_name}.{operation}"
            if attempt > 1:
                note += f", attempt {attempt} of {self._max_attempts}"
            if self._region_note:
                note += f"; {self._region_note}"
            outcome = network.exchange_sync(method, target, line, connect=connect, read=read, note=note)
            error = code = None
            if outcome == network.REFUSED:
                error = EndpointConnectionError(endpoint_url=url)
            elif outcome == network.CONNECT_TIMEOUT:
                error = ConnectTimeoutError(endpoint_url=url)
            elif outcome == network.READ_TIMEOUT:
                error = ReadTimeoutError(endpoint_url=url)
            elif target.status >= 300:
                code, message = parse_error(target.status, target.headers, target.body)
            else:
                result = shape(target) if shape is not None else {}
                result["ResponseMetadata"] = self._metadata(target, attempt)
                return result
            retryable = self._retryable(error, target.status if error is None else None, code)
            if retryable and attempt < self._max_attempts:
                network.sleep(self._delay(attempt, code), line,
                              f"botocore {self._mode} retry backoff ({self._service_name}.{operation})")
                continue
            if error is not None:
                raise error
            response = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": self._metadata(target, attempt)}
            if retryable:
                response["ResponseMetadata"]["MaxAttemptsReached"] = True
            raise self.exceptions.from_code(code)(response, operation)

    def _metadata(self, target, attempt):
        headers = dict(target.headers)
        return {
            "RequestId": headers.get("x-amz-request-id") or headers.get("x-amzn-requestid") or str(uuid.uuid4()),
            "HTTPStatusCode": target.status,
            "HTTPHeaders": headers,
            "RetryAttempts": attempt - 1,
        }

    def _retryable(self, error, status, code):
        if self._mode == "legacy":
            if error is not None:
                return True  # GENERAL_CONNECTION_ERROR: connection errors and read timeouts
            if status in LEGACY_STATUS:
                return True
            if status == 400 and code in LEGACY_CODES_400:
                return True
            return (code, status) in LEGACY_SERVICE_CODES.get(self._service_name, set())
        if error is not None:
            return True  # ConnectionError and HTTPClientError subclasses
        return code in STANDARD_TRANSIENT_CODES or status in STANDARD_TRANSIENT_STATUS or code in THROTTLED_CODES

    def _delay(self, attempt, code):
        if self._mode == "legacy":
            base = LEGACY_BASE.get(self._service_name, LEGACY_BASE["__default__"])
            base = random.random() if base == "rand" else base
            return base * (2 ** (attempt - 1))
        return random.random() * min(2 ** (attempt - 1), STANDARD_MAX_BACKOFF)


class _Exceptions:
    """client.exceptions: one ClientError subclass per error code, made on demand as botocore does."""

    def __init__(self):
        self._classes = {}

    def from_code(self, code):
        name = re.sub(r"\W", "", str(code)) or "ClientError"
        if name[0].isdigit():
            return ClientError
        cls = self._classes.get(name)
        if cls is None:
            cls = self._classes[name] = type(name, (ClientError,), {"__module__": "botocore.errorfactory"})
        return cls

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.from_code(name)

    ClientError = ClientError


def md5_hex(data):
    return hashlib.md5(data).hexdigest()
