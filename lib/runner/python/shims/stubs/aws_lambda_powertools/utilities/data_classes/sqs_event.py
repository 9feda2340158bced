from . import SQSEvent, SQSRecord  # noqa: F401
