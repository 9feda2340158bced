from .api_gateway import Router  # noqa: F401

APIGatewayRouter = APIGatewayHttpRouter = ALBRouter = LambdaFunctionUrlRouter = Router
