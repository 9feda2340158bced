"""OpenAI / AsyncOpenAI / AzureOpenAI on the simulated network, with openai-python v2.54.0's
defaults and retry loop (src/openai/_constants.py, src/openai/_base_client.py):

- timeout httpx.Timeout(timeout=600, connect=5.0), max_retries 2 (three attempts in all);
- a timeout (connect or read) or a connection error is retried, then raises APITimeoutError
  ("Request timed out.") or APIConnectionError ("Connection error.");
- a 4xx/5xx answer is retried when x-should-retry says "true", or without that header for 408,
  409, 429 and >= 500, unless Retry-After asks for more than 120 s; otherwise it raises the status
  error of its class (RateLimitError for 429, InternalServerError for >= 500, ...) with the text
  "Error code: <status> - <body>";
- between attempts it sleeps Retry-After (retry-after-ms, then retry-after in seconds or as a date)
  when 0 < it <= 120 s, else min(0.5 * 2 ** retries_taken, 8) * (1 - 0.25 * random()).

Each attempt is one network span to api.openai.com (or base_url), each backoff a sleep span.
"""

import asyncio
import email.utils
import json as _json
import math
import os
import random
import time

import httpx
from _deadline import network

from . import _models
from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError, OpenAIError, status_error

DEFAULT_TIMEOUT = httpx.Timeout(timeout=600, connect=5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER_DELAY = 2 * 60


class NotGiven:
    def __bool__(self):
        return False

    def __repr__(self):
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


def _timeout(value):
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    return httpx.Timeout(float(value))


def _retry_after(headers):
    if headers is None:
        return None
    try:
        return float(headers.get("retry-after-ms")) / 1000
    except (TypeError, ValueError):
        pass
    value = headers.get("retry-after")
    try:
        return float(value)
    except (TypeError, ValueError):
        pass
    parsed = email.utils.parsedate_tz(value) if value else None
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed) - time.time())


def _retry_delay(retries_taken, headers):
    retry_after = _retry_after(headers)
    if retry_after is not None and math.isfinite(retry_after) and 0 < retry_after <= MAX_RETRY_AFTER_DELAY:
        return retry_after
    sleep_seconds = min(INITIAL_RETRY_DELAY * pow(2.0, min(retries_taken, 1000)), MAX_RETRY_DELAY)
    return max(0.0, sleep_seconds * (1 - 0.25 * random.random()))


def _should_retry(response):
    retry_after = _retry_after(response.headers)
    if retry_after is not None and math.isfinite(retry_after) and retry_after > MAX_RETRY_AFTER_DELAY:
        return False
    header = response.headers.get("x-should-retry")
    if header == "true":
        return True
    if header == "false":
        return False
    return response.status_code in (408, 409, 429) or response.status_code >= 500


def _status_error(response):
    text = response.text.strip()
    try:
        body = _json.loads(text)
        message = f"Error code: {response.status_code} - {body}"
    except ValueError:
        body = text
        message = text or f"Error code: {response.status_code}"
    return status_error(message, body=body, response=response)


class _Call:
    """One SDK call: its URL, options and the attempt loop's bookkeeping."""

    def __init__(self, client, operation, method, path, params, options):
        self.client = client
        self.operation = operation
        self.method = method
        self.params = params
        self.url = client._url(path, params.get("model"))
        given = options.get("timeout", NOT_GIVEN)
        self.timeout = client.timeout if given is NOT_GIVEN else _timeout(given)
        retries = options.get("max_retries", NOT_GIVEN)
        self.max_retries = client.max_retries if retries is NOT_GIVEN else int(retries)
        self.stream = bool(params.get("stream"))

    def attempt(self, retries_taken):
        note = self.operation if not retries_taken else f"{self.operation}, retry {retries_taken}"
        return network.Target(self.url, self.method), note

    def finish(self, target, outcome, retries_taken):
        """(delay before the next attempt, None) to retry, or (None, result) to return, or raises."""
        remaining = self.max_retries - retries_taken
        request = httpx.Request(self.method, self.url)
        if outcome != network.OK:
            if remaining > 0:
                return _retry_delay(retries_taken, None), None
            if outcome == network.REFUSED:
                raise APIConnectionError(request=request)
            raise APITimeoutError(request=request)
        headers = dict(target.headers)
        response = httpx.Response(target.status, request=request, content=target.body, headers=headers)
        if target.status >= 400:
            if remaining > 0 and _should_retry(response):
                return _retry_delay(retries_taken, response.headers), None
            raise _status_error(response)
        if self.stream:
            events = _models.chunks(self.operation, target.body, target.source, self.params)
            return None, [_models.BaseModel(e, "ChatCompletionChunk") if isinstance(e, dict) else e for e in events]
        if target.source == "default":
            data = _models.default_body(self.operation, self.params)
        else:
            data = target.json()
            if not isinstance(data, dict):
                raise APIResponseValidationError(response, target.body.decode("utf-8", errors="replace"))
        return None, _models.build(self.operation, data)


class Stream:
    def __init__(self, items):
        self._items = list(items)
        self.response = None

    def __iter__(self):
        return iter(self._items)

    def __next__(self):
        if not self._items:
            raise StopIteration
        return self._items.pop(0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        pass


class AsyncStream(Stream):
    def __aiter__(self):
        return self._agen()

    async def _agen(self):
        for item in self._items:
            yield item

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()


def _split(kwargs):
    options = {}
    for key in ("timeout", "max_retries", "extra_headers", "extra_query", "extra_body"):
        if key in kwargs:
            options[key] = kwargs.pop(key)
    return kwargs, options


class _Resource:
    def __init__(self, client, operation, method, path):
        self._client = client
        self._operation = operation
        self._method = method
        self._path = path

    def _call(self, kwargs):
        params, options = _split(dict(kwargs))
        return _Call(self._client, self._operation, self._method, self._path, params, options)


class _SyncEndpoint(_Resource):
    def create(self, **kwargs):
        return self._client._run(self._call(kwargs))

    generate = create


class _AsyncEndpoint(_Resource):
    async def create(self, **kwargs):
        return await self._client._run(self._call(kwargs))

    generate = create


class _Namespace:
    def __init__(self, **members):
        self.__dict__.update(members)


class _BaseClient:
    _endpoint_class = _SyncEndpoint

    def __init__(self, *, api_key=None, organization=None, project=None, base_url=None, timeout=NOT_GIVEN,
                 max_retries=DEFAULT_MAX_RETRIES, default_headers=None, default_query=None, http_client=None,
                 **_ignored):
        if api_key is None:
            api_key = os.environ.get("OPENAI_API_KEY")
        if api_key is None:
            raise OpenAIError(
                "Missing credentials. Please pass an `api_key`, `workload_identity`, `admin_api_key`, or set "
                "the `OPENAI_API_KEY` or `OPENAI_ADMIN_KEY` environment variable."
            )
        if base_url is None:
            base_url = os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        self._init(api_key, str(base_url), timeout, max_retries, default_query, organization, project)

    def _init(self, api_key, base_url, timeout, max_retries, default_query, organization=None, project=None):
        self.api_key = api_key
        self.organization = organization
        self.project = project
        self.base_url = httpx.URL(base_url.rstrip("/") + "/")
        self.timeout = DEFAULT_TIMEOUT if timeout is NOT_GIVEN else _timeout(timeout)
        self.max_retries = int(max_retries)
        self._default_query = dict(default_query or {})
        make = self._endpoint_class
        self.chat = _Namespace(completions=make(self, "chat.completions.create", "POST", "/chat/completions"))
        self.completions = make(self, "completions.create", "POST", "/completions")
        self.responses = make(self, "responses.create", "POST", "/responses")
        self.embeddings = make(self, "embeddings.create", "POST", "/embeddings")
        self.images = make(self, "images.generate", "POST", "/images/generations")

    def _url(self, path, model=None):
        query = "&".join(f"{k}={v}" for k, v in self._default_query.items())
        return str(self.base_url).rstrip("/") + path + (f"?{query}" if query else "")

    def with_options(self, *, timeout=NOT_GIVEN, max_retries=NOT_GIVEN, **_ignored):
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._init(self.api_key, str(self.base_url), self.timeout if timeout is NOT_GIVEN else timeout,
                    self.max_retries if max_retries is NOT_GIVEN else max_retries, self._default_query,
                    self.organization, self.project)
        if hasattr(self, "_deployment_paths"):
            clone._deployment_paths = self._deployment_paths
        return clone

    copy = with_options

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class OpenAI(_BaseClient):
    def _run(self, call):
        line = network.caller_line()
        for retries_taken in range(call.max_retries + 1):
            target, note = call.attempt(retries_taken)
            outcome = network.exchange_sync(call.method, target, line, connect=call.timeout.connect,
                                            read=call.timeout.read, note=note)
            delay, result = call.finish(target, outcome, retries_taken)
            if delay is None:
                return Stream(result) if call.stream else result
            network.sleep(delay, line, f"openai retry in {delay:.3g} s")
        raise AssertionError("unreachable: the last attempt raises or returns")


class AsyncOpenAI(_BaseClient):
    _endpoint_class = _AsyncEndpoint

    async def _run(self, call):
        line = network.caller_line()
        loop = asyncio.get_running_loop()
        for retries_taken in range(call.max_retries + 1):
            target, note = call.attempt(retries_taken)
            connect_by = None if call.timeout.connect is None else loop.time() + call.timeout.connect
            outcome = await network.exchange_async(call.method, target, line, connect_by=connect_by,
                                                   read=call.timeout.read, note=note)
            delay, result = call.finish(target, outcome, retries_taken)
            if delay is None:
                return AsyncStream(result) if call.stream else result
            await network.sleep_async(delay, f"openai retry in {delay:.3g} s")
        raise AssertionError("unreachable: the last attempt raises or returns")

    async def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()


# openai/lib/azure.py v2.54.0: these paths go under /deployments/<model> when no deployment is fixed.
_DEPLOYMENT_PATHS = {"/completions", "/chat/completions", "/embeddings", "/audio/transcriptions",
                     "/audio/translations", "/audio/speech", "/images/generations", "/images/edits"}


class _AzureMixin:
    def __init__(self, *, api_version=None, azure_endpoint=None, azure_deployment=None, api_key=None,
                 azure_ad_token=None, azure_ad_token_provider=None, base_url=None, timeout=NOT_GIVEN,
                 max_retries=DEFAULT_MAX_RETRIES, default_query=None, organization=None, project=None,
                 **_ignored):
        if api_key is None:
            api_key = os.environ.get("AZURE_OPENAI_API_KEY")
        if azure_ad_token is None:
            azure_ad_token = os.environ.get("AZURE_OPENAI_AD_TOKEN")
        if api_key is None and azure_ad_token is None and azure_ad_token_provider is None:
            raise OpenAIError(
                "Missing credentials. Please pass one of `api_key`, `azure_ad_token`, `azure_ad_token_provider`, "
                "or the `AZURE_OPENAI_API_KEY` or `AZURE_OPENAI_AD_TOKEN` environment variables."
            )
        if api_version is None:
            api_version = os.environ.get("OPENAI_API_VERSION")
        if api_version is None:
            raise ValueError(
                "Must provide either the `api_version` argument or the `OPENAI_API_VERSION` environment variable"
            )
        query = {**(default_query or {}), "api-version": api_version}
        if base_url is None:
            if azure_endpoint is None:
                azure_endpoint = os.environ.get("AZURE_OPENAI_ENDPOINT")
            if azure_endpoint is None:
                raise ValueError(
                    "Must provide one of the `base_url` or `azure_endpoint` arguments, or the "
                    "`AZURE_OPENAI_ENDPOINT` environment variable"
                )
            base_url = f"{azure_endpoint.rstrip('/')}/openai"
            if azure_deployment is not None:
                base_url += f"/deployments/{azure_deployment}"
        elif azure_endpoint is not None:
            raise ValueError("base_url and azure_endpoint are mutually exclusive")
        self._deployment_paths = "/deployments" not in str(base_url)
        self._api_version = api_version
        self._init(api_key or "<missing API key>", str(base_url), timeout, max_retries, query, organization, project)

    def _url(self, path, model=None):
        if getattr(self, "_deployment_paths", False) and path in _DEPLOYMENT_PATHS and model is not None:
            path = f"/deployments/{model}{path}"
        return super()._url(path, model)


class AzureOpenAI(_AzureMixin, OpenAI):
    pass


class AsyncAzureOpenAI(_AzureMixin, AsyncOpenAI):
    pass
