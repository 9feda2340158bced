"""How each event's response carries headers (shared/headers_serializer.py): REST APIs and ALB
with multiValueHeaders use multiValueHeaders, HTTP APIs and Function URLs headers + cookies, ALB
without multi-value headers one value per header."""

from collections import defaultdict


def http_api(headers, cookies):
    combined = {}
    for key, values in headers.items():
        if values is None:
            continue
        combined[key] = values if isinstance(values, str) else ", ".join(values)
    return {"headers": combined, "cookies": [str(c) for c in cookies]}


def multi_value(headers, cookies):
    payload = defaultdict(list)
    for key, values in headers.items():
        if values is None:
            continue
        if isinstance(values, str):
            payload[key].append(values)
        else:
            payload[key].extend(values)
    if cookies:
        payload.setdefault("Set-Cookie", [])
        payload["Set-Cookie"].extend(str(c) for c in cookies)
    return {"multiValueHeaders": dict(payload)}


def single_value(headers, cookies):
    payload = {"headers": {}}
    if cookies:
        payload["headers"]["Set-Cookie"] = str(cookies[-1])
    for key, values in headers.items():
        if values is None:
            continue
        payload["headers"][key] = values if isinstance(values, str) else values[-1]
    return payload
