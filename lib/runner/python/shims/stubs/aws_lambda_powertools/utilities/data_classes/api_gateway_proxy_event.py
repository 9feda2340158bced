from . import APIGatewayProxyEvent, APIGatewayProxyEventV2  # noqa: F401
