from .function_app import AsgiFunctionApp, AuthLevel, Blueprint, FunctionApp, HttpMethod, WsgiFunctionApp  # noqa: F401


class Function:
    pass


class DecoratorApi:
    pass


class DataType:
    UNDEFINED = "undefined"
    STRING = "string"
    BINARY = "binary"
    STREAM = "stream"
