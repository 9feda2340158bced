from cloudevents.http import from_dict, from_http, from_json, to_binary, to_structured  # noqa: F401
