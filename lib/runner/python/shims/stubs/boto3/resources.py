"""boto3.resource basics: s3 (Bucket, Object) and dynamodb (Table), each a thin layer over the
client calls, so every operation is the same network call with the same retries."""

from .dynamodb.types import TypeDeserializer, TypeSerializer

_ser = TypeSerializer()
_de = TypeDeserializer()


def _typed(mapping):
    return {k: _ser.serialize(v) for k, v in (mapping or {}).items()}


def _plain(mapping):
    return {k: _de.deserialize(v) for k, v in (mapping or {}).items()}


class _Object:
    def __init__(self, client, bucket, key):
        self.meta = type("Meta", (), {"client": client})()
        self.bucket_name = bucket
        self.key = key

    def get(self, **kw):
        return self.meta.client.get_object(Bucket=self.bucket_name, Key=self.key, **kw)

    def put(self, **kw):
        return self.meta.client.put_object(Bucket=self.bucket_name, Key=self.key, **kw)

    def upload_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
        return self.meta.client.upload_file(Filename, self.bucket_name, self.key, ExtraArgs, Callback, Config)

    def download_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
        return self.meta.client.download_file(self.bucket_name, self.key, Filename, ExtraArgs, Callback, Config)

    def delete(self):
        return self.meta.client.delete_object(Bucket=self.bucket_name, Key=self.key)


class _Bucket:
    def __init__(self, client, name):
        self.meta = type("Meta", (), {"client": client})()
        self.name = name

    def Object(self, key):
        return _Object(self.meta.client, self.name, key)

    def put_object(self, Key, **kw):
        self.meta.client.put_object(Bucket=self.name, Key=Key, **kw)
        return _Object(self.meta.client, self.name, Key)

    def upload_file(self, Filename, Key, ExtraArgs=None, Callback=None, Config=None):
        return self.meta.client.upload_file(Filename, self.name, Key, ExtraArgs, Callback, Config)

    def download_file(self, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
        return self.meta.client.download_file(self.name, Key, Filename, ExtraArgs, Callback, Config)


class S3Resource:
    def __init__(self, client):
        self.meta = type("Meta", (), {"client": client})()

    def Bucket(self, name):
        return _Bucket(self.meta.client, name)

    def Object(self, bucket, key):
        return _Object(self.meta.client, bucket, key)


def _condition(value):
    return getattr(value, "text", value)


class _Table:
    def __init__(self, client, name):
        self.meta = type("Meta", (), {"client": client})()
        self.name = self.table_name = name

    def _result(self, response, *keys):
        for key in keys:
            if key in response and isinstance(response[key], dict):
                response[key] = _plain(response[key])
            elif key in response and isinstance(response[key], list):
                response[key] = [_plain(item) for item in response[key]]
        return response

    def get_item(self, Key, **kw):
        return self._result(self.meta.client.get_item(TableName=self.name, Key=_typed(Key), **kw), "Item")

    def put_item(self, Item, **kw):
        return self._result(self.meta.client.put_item(TableName=self.name, Item=_typed(Item), **kw), "Attributes")

    def delete_item(self, Key, **kw):
        return self._result(self.meta.client.delete_item(TableName=self.name, Key=_typed(Key), **kw), "Attributes")

    def update_item(self, Key, ExpressionAttributeValues=None, **kw):
        if ExpressionAttributeValues is not None:
            kw["ExpressionAttributeValues"] = _typed(ExpressionAttributeValues)
        return self._result(self.meta.client.update_item(TableName=self.name, Key=_typed(Key), **kw), "Attributes")

    def query(self, **kw):
        for name in ("KeyConditionExpression", "FilterExpression"):
            if name in kw:
                kw[name] = _condition(kw[name])
        return self._result(self.meta.client.query(TableName=self.name, **kw), "Items", "LastEvaluatedKey")

    def scan(self, **kw):
        if "FilterExpression" in kw:
            kw["FilterExpression"] = _condition(kw["FilterExpression"])
        return self._result(self.meta.client.scan(TableName=self.name, **kw), "Items", "LastEvaluatedKey")


class DynamoDBResource:
    def __init__(self, client):
        self.meta = type("Meta", (), {"client": client})()

    def Table(self, name):
        return _Table(self.meta.client, name)


RESOURCES = {"s3": S3Resource, "dynamodb": DynamoDBResource}
