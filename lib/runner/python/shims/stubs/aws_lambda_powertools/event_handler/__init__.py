"""event_handler: the HTTP event resolvers (see api_gateway.py)."""

from . import content_types
from .api_gateway import (
    ALBResolver,
    APIGatewayHttpResolver,
    APIGatewayRestResolver,
    ApiGatewayResolver,
    CORSConfig,
    LambdaFunctionUrlResolver,
    ProxyEventType,
    Response,
    Router,
)

__all__ = [
    "ALBResolver", "APIGatewayHttpResolver", "APIGatewayRestResolver", "ApiGatewayResolver", "CORSConfig",
    "LambdaFunctionUrlResolver", "ProxyEventType", "Response", "Router", "content_types",
]
