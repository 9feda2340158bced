"""Simulator stub of the OpenAI Python SDK (openai-python v2.54.0): OpenAI, AsyncOpenAI,
AzureOpenAI and their chat.completions / responses / embeddings / images calls, with the SDK's
default timeout (600 s, connect 5 s), its 2 retries and their backoff, and its exceptions. See
_client.py for the retry rules and SOURCES.md beside the stubs for where each comes from."""

from httpx import Timeout

from ._client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncAzureOpenAI,
    AsyncOpenAI,
    AsyncStream,
    AzureOpenAI,
    NotGiven,
    OpenAI,
    Stream,
)
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._models import BaseModel

__version__ = "2.54.0"
Client = OpenAI
AsyncClient = AsyncOpenAI
