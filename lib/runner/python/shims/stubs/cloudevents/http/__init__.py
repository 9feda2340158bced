"""cloudevents.http: CloudEvent (attributes by key, .data) and from_http for structured
(application/cloudevents+json) and binary (ce-* headers) requests."""

import datetime
import json
import uuid

from . import event as _event
from .event import CloudEvent

__all__ = ["CloudEvent", "from_http", "from_json", "from_dict", "to_structured", "to_binary"]


class MissingRequiredFields(Exception):
    pass


class InvalidRequiredFields(Exception):
    pass


def from_dict(data):
    data = dict(data)
    body = data.pop("data", None)
    return CloudEvent(data, body)


def from_json(text):
    return from_dict(json.loads(text))


def from_http(headers, data, data_unmarshaller=None):
    headers = {str(k).lower(): v for k, v in dict(headers).items()}
    if isinstance(data, (bytes, bytearray)):
        data = data.decode("utf-8")
    content_type = headers.get("content-type", "")
    if content_type.startswith("application/cloudevents+json"):
        return from_json(data)
    attributes = {k[3:]: v for k, v in headers.items() if k.startswith("ce-")}
    if "specversion" not in attributes:
        if data:
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and "specversion" in parsed:
                return from_dict(parsed)
        raise MissingRequiredFields("Failed to find specversion in HTTP request")
    body = data
    if data_unmarshaller is not None:
        body = data_unmarshaller(data)
    elif content_type.startswith("application/json") and data:
        body = json.loads(data)
    return CloudEvent(attributes, body)


def to_structured(event):
    return {"content-type": "application/cloudevents+json"}, json.dumps({**event.get_attributes(), "data": event.data}).encode()


def to_binary(event):
    return {f"ce-{k}": str(v) for k, v in event.get_attributes().items()}, json.dumps(event.data).encode()


del datetime, uuid, _event
