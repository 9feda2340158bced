"""Simulator stub of the CloudEvents SDK (cloudevents 1.x): cloudevents.http.CloudEvent and
from_http, as functions_framework hands them to a @cloud_event function."""

__version__ = "1.11.0"
