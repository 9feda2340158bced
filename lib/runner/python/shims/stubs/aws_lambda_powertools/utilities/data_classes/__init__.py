"""utilities.data_classes: typed views over the common Lambda events, and @event_source."""

import functools

from .common import BaseProxyEvent, DictWrapper


class APIGatewayProxyEvent(BaseProxyEvent):
    @property
    def resource(self):
        return self.get("resource")

    @property
    def request_context(self):
        return DictWrapper(self.get("requestContext") or {})

    @property
    def stage_variables(self):
        return self.get("stageVariables")

    def header_serializer(self):
        from aws_lambda_powertools.event_handler.serializers import multi_value

        return multi_value


class APIGatewayProxyEventV2(BaseProxyEvent):
    @property
    def raw_path(self):
        return self.get("rawPath")

    @property
    def raw_query_string(self):
        return self.get("rawQueryString")

    @property
    def cookies(self):
        return self.get("cookies") or []

    @property
    def request_context(self):
        return DictWrapper(self.get("requestContext") or {})

    @property
    def http_method(self):
        return ((self.get("requestContext") or {}).get("http") or {}).get("method", "GET")

    @property
    def path(self):
        stage = (self.get("requestContext") or {}).get("stage")
        path = self.raw_path or "/"
        if stage and stage != "$default" and path.startswith(f"/{stage}"):
            path = path[len(stage) + 1:] or "/"
        return path

    @property
    def resolved_query_string_parameters(self):
        return {k: v.split(",") for k, v in (self.query_string_parameters or {}).items()}

    def header_serializer(self):
        from aws_lambda_powertools.event_handler.serializers import http_api

        return http_api


class LambdaFunctionUrlEvent(APIGatewayProxyEventV2):
    pass


class ALBEvent(BaseProxyEvent):
    @property
    def request_context(self):
        return DictWrapper(self.get("requestContext") or {})

    @property
    def multi_value_headers(self):
        return self.get("multiValueHeaders")

    def header_serializer(self):
        from aws_lambda_powertools.event_handler.serializers import multi_value, single_value

        return multi_value if self.multi_value_headers else single_value


class _Records(DictWrapper):
    record_class = DictWrapper

    @property
    def records(self):
        for record in self.get("Records") or []:
            yield self.record_class(record)


class SQSRecord(DictWrapper):
    body = property(lambda self: self.get("body"))
    message_id = property(lambda self: self.get("messageId"))
    receipt_handle = property(lambda self: self.get("receiptHandle"))
    attributes = property(lambda self: self.get("attributes") or {})
    message_attributes = property(lambda self: self.get("messageAttributes") or {})
    event_source_arn = property(lambda self: self.get("eventSourceARN"))

    @property
    def json_body(self):
        import json

        return json.loads(self.body)


class SQSEvent(_Records):
    record_class = SQSRecord


class SNSRecord(DictWrapper):
    @property
    def sns(self):
        return DictWrapper(self.get("Sns") or {})


class SNSEvent(_Records):
    record_class = SNSRecord


class S3Record(DictWrapper):
    @property
    def s3(self):
        return DictWrapper(self.get("s3") or {})

    event_name = property(lambda self: self.get("eventName"))


class S3Event(_Records):
    record_class = S3Record

    @property
    def bucket_name(self):
        return self["Records"][0]["s3"]["bucket"]["name"]

    @property
    def object_key(self):
        from urllib.parse import unquote_plus

        return unquote_plus(self["Records"][0]["s3"]["object"]["key"])


class DynamoDBStreamEvent(_Records):
    pass


class KinesisStreamEvent(_Records):
    pass


class EventBridgeEvent(DictWrapper):
    detail = property(lambda self: self.get("detail"))
    detail_type = property(lambda self: self.get("detail-type"))
    source = property(lambda self: self.get("source"))
    get_id = property(lambda self: self.get("id"))


class CloudWatchLogsEvent(DictWrapper):
    pass


def event_source(handler=None, data_class=None):
    if handler is None:
        return functools.partial(event_source, data_class=data_class)

    @functools.wraps(handler)
    def decorate(event, context, *args, **kwargs):
        return handler(data_class(event), context, *args, **kwargs)

    return decorate


__all__ = [
    "ALBEvent", "APIGatewayProxyEvent", "APIGatewayProxyEventV2", "CloudWatchLogsEvent", "DynamoDBStreamEvent",
    "EventBridgeEvent", "KinesisStreamEvent", "LambdaFunctionUrlEvent", "S3Event", "SNSEvent", "SQSEvent", "SQSRecord",
    "event_source",
]
