"""Simulator stub of boto3 1.43.67 over the botocore stub: boto3.client(...), boto3.Session(),
boto3.resource("s3" | "dynamodb") basics. Every call is a network call to the service's regional
endpoint host, with botocore's timeouts and retries (see botocore/client.py)."""

from .session import Session

__version__ = "1.43.67"

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    return _get_default_session().resource(*args, **kwargs)
