"""Simulator stub of Powertools for AWS Lambda (Python) 3.2 (aws-powertools/powertools-lambda-
python @ fa1c29f, version 3.2.1a1): Logger's structured JSON lines, Tracer's decorators (pass-
through: no X-Ray daemon here), Metrics' EMF line, the REST / HTTP API / ALB / Function URL event
resolvers, LambdaContext and the common event data classes. The entry stays the Lambda handler;
every decorator keeps it callable as handler(event, context). See ../RUNTIMES.md."""

from .logging import Logger
from .metrics import Metrics, single_metric
from .tracing import Tracer

__version__ = "3.2.1a1"

__all__ = ["Logger", "Metrics", "Tracer", "single_metric"]
