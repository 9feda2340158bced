from cloudevents.http.event import CloudEvent  # noqa: F401
