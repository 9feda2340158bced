"""The AWS operations the simulator models: where each call goes (as botocore addresses it) and the
documented top-level shape of what it returns, filled from a response rule's JSON body when there
is one. Not modelled: multipart uploads (upload_file is one PUT), pagination, waiters, checksums."""

import datetime
import re
import time
import uuid
from urllib.parse import quote, urlencode, urlsplit

from .response import StreamingBody


def endpoint(service, region):
    if service == "s3":
        # us-east-1 keeps S3's global endpoint by default (us_east_1_regional_endpoint = legacy).
        return "https://s3.amazonaws.com" if region in ("us-east-1", "aws-global") else f"https://s3.{region}.amazonaws.com"
    return f"https://{service}.{region}.amazonaws.com"


def _rule_json(target):
    data = target.json() if target.source != "default" else None
    return data if isinstance(data, dict) else {}


def _http_date(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)


# ---- S3 (rest-xml) ---------------------------------------------------------------------------

_DNS_BUCKET = re.compile(r"^[a-z0-9][a-z0-9\-]{1,61}[a-z0-9]$")


def s3_url(client, bucket, key=None, query=None):
    """Virtual-hosted style when the bucket is a DNS label (botocore's default addressing), path
    style otherwise or when Config(s3={"addressing_style": "path"}) asks."""
    base = client._endpoint_url or endpoint("s3", client.meta.region_name)
    style = ((client._config.s3 or {}).get("addressing_style") or "auto")
    parts = urlsplit(base)
    host = parts.hostname or ""
    is_ip = host.replace(".", "").isdigit() or host in ("localhost",)
    path_key = "" if key is None else "/" + quote(str(key), safe="/~")
    if style != "path" and _DNS_BUCKET.match(str(bucket)) and not is_ip:
        netloc = f"{bucket}.{parts.netloc}"
        url = f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}{path_key or '/'}"
    else:
        url = f"{base}/{quote(str(bucket))}{path_key}"
    if query:
        url += "?" + urlencode(query)
    return url


def _require(params, *names, operation):
    missing = [n for n in names if n not in params]
    if missing:
        from .exceptions import ParamValidationError

        report = "\n".join(f'Missing required parameter in input: "{n}"' for n in missing)
        raise ParamValidationError(report=report)


def _body_bytes(body):
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else data
    raise TypeError(f"Body must be bytes, str or a file-like object, not {type(body).__name__}")


def _etag(data):
    from .client import md5_hex

    return f'"{md5_hex(data)}"'


def get_object(client, params):
    _require(params, "Bucket", "Key", operation="GetObject")
    url = s3_url(client, params["Bucket"], params["Key"])

    def shape(target):
        headers = target.headers
        return {
            "Body": StreamingBody(target.body, len(target.body)),
            "ContentLength": len(target.body),
            "ContentType": headers.get("content-type", "binary/octet-stream"),
            "ETag": headers.get("etag", _etag(target.body)),
            "LastModified": _http_date(time.time()),
            "Metadata": {k[11:]: v for k, v in headers.items() if k.startswith("x-amz-meta-")},
        }

    return client._request("GetObject", "GET", url, params, shape)


def head_object(client, params):
    _require(params, "Bucket", "Key", operation="HeadObject")
    url = s3_url(client, params["Bucket"], params["Key"])

    def shape(target):
        headers = target.headers
        length = headers.get("content-length")
        return {
            "ContentLength": int(length) if length and length.isdigit() else len(target.body),
            "ContentType": headers.get("content-type", "binary/octet-stream"),
            "ETag": headers.get("etag", _etag(target.body)),
            "LastModified": _http_date(time.time()),
            "Metadata": {k[11:]: v for k, v in headers.items() if k.startswith("x-amz-meta-")},
        }

    def no_body(target):
        # HEAD answers carry no body, so a 404 reads as ClientError code "404", "Not Found".
        if target.status >= 300:
            target.body = b""

    return client._request("HeadObject", "HEAD", url, params, shape, adjust=no_body)


def put_object(client, params):
    _require(params, "Bucket", "Key", operation="PutObject")
    data = _body_bytes(params.get("Body"))
    url = s3_url(client, params["Bucket"], params["Key"])

    def shape(target):
        out = {"ETag": target.headers.get("etag", _etag(data))}
        out.update(_rule_json(target))
        return out

    return client._request("PutObject", "PUT", url, params, shape, body=data)


def delete_object(client, params):
    _require(params, "Bucket", "Key", operation="DeleteObject")
    url = s3_url(client, params["Bucket"], params["Key"])
    return client._request("DeleteObject", "DELETE", url, params, lambda t: _rule_json(t))


def list_objects_v2(client, params):
    _require(params, "Bucket", operation="ListObjectsV2")
    query = {"list-type": "2"}
    for name, field in (("Prefix", "prefix"), ("Delimiter", "delimiter"), ("MaxKeys", "max-keys"),
                        ("ContinuationToken", "continuation-token"), ("StartAfter", "start-after")):
        if name in params:
            query[field] = params[name]
    url = s3_url(client, params["Bucket"], None, query)

    def shape(target):
        out = {"IsTruncated": False, "Name": params["Bucket"], "Prefix": params.get("Prefix", ""),
               "MaxKeys": int(params.get("MaxKeys", 1000)), "EncodingType": "url", "KeyCount": 0}
        out.update(_rule_json(target))
        if "Contents" in out and "KeyCount" not in _rule_json(target):
            out["KeyCount"] = len(out["Contents"])
        return out

    return client._request("ListObjectsV2", "GET", url, params, shape)


def upload_fileobj(client, params):
    fileobj, bucket, key = params["Fileobj"], params["Bucket"], params["Key"]
    extra = dict(params.get("ExtraArgs") or {})
    data = _body_bytes(fileobj)
    put_object(client, {"Bucket": bucket, "Key": key, "Body": data, **extra})
    callback = params.get("Callback")
    if callback is not None:
        callback(len(data))
    return None


def upload_file(client, params):
    with open(params["Filename"], "rb") as handle:
        return upload_fileobj(client, {**params, "Fileobj": handle})


def download_fileobj(client, params):
    result = get_object(client, {"Bucket": params["Bucket"], "Key": params["Key"], **(params.get("ExtraArgs") or {})})
    data = result["Body"].read()
    params["Fileobj"].write(data)
    callback = params.get("Callback")
    if callback is not None:
        callback(len(data))


def download_file(client, params):
    with open(params["Filename"], "wb") as handle:
        download_fileobj(client, {**params, "Fileobj": handle})


def generate_presigned_url(client, params):
    """Signed locally by botocore: no network call. The signature here is a placeholder."""
    method = params.get("ClientMethod") or (params.get("args") or [None])[0]
    inner = params.get("Params") or {}
    expires = int(params.get("ExpiresIn", 3600))
    if method in ("get_object", "put_object", "head_object", "delete_object"):
        url = s3_url(client, inner["Bucket"], inner["Key"])
    else:
        url = s3_url(client, inner.get("Bucket", ""), None)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    query = {
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Credential": f"SIMULATED/{stamp[:8]}/{client.meta.region_name}/s3/aws4_request",
        "X-Amz-Date": stamp, "X-Amz-Expires": str(expires), "X-Amz-SignedHeaders": "host",
        "X-Amz-Signature": "0" * 64,
    }
    return f"{url}?{urlencode(query)}"


# ---- SQS (awsJson1_0: POST to the endpoint root, X-Amz-Target AmazonSQS.<Operation>) ------------


def _root(client):
    return (client._endpoint_url or endpoint(client._service_name, client.meta.region_name)) + "/"


def send_message(client, params):
    _require(params, "QueueUrl", "MessageBody", operation="SendMessage")
    from .client import md5_hex

    def shape(target):
        out = {"MD5OfMessageBody": md5_hex(str(params["MessageBody"]).encode()), "MessageId": str(uuid.uuid4())}
        out.update(_rule_json(target))
        return out

    return client._request("SendMessage", "POST", _root(client), params, shape)


def receive_message(client, params):
    """Long polling: when no message is waiting (no rule, or a rule whose JSON has no Messages), the
    call is held for WaitTimeSeconds (the queue's ReceiveMessageWaitTimeSeconds when not given,
    taken as 0 here) before answering with no Messages key."""
    _require(params, "QueueUrl", operation="ReceiveMessage")
    wait = float(params.get("WaitTimeSeconds", 0))

    def adjust(target):
        if not _rule_json(target).get("Messages"):
            target.latency = max(target.latency, wait)

    def shape(target):
        data = _rule_json(target)
        return {"Messages": data["Messages"]} if data.get("Messages") else {}

    return client._request("ReceiveMessage", "POST", _root(client), params, shape, adjust=adjust)


def delete_message(client, params):
    _require(params, "QueueUrl", "ReceiptHandle", operation="DeleteMessage")
    return client._request("DeleteMessage", "POST", _root(client), params, lambda t: {})


def get_queue_url(client, params):
    _require(params, "QueueName", operation="GetQueueUrl")

    def shape(target):
        out = {"QueueUrl": f"https://sqs.{client.meta.region_name}.amazonaws.com/000000000000/{params['QueueName']}"}
        out.update(_rule_json(target))
        return out

    return client._request("GetQueueUrl", "POST", _root(client), params, shape)


# ---- DynamoDB (awsJson1_0) ----------------------------------------------------------------------


def _dynamo(operation, required, default):
    def call(client, params):
        _require(params, *required, operation=operation)

        def shape(target):
            out = dict(default)
            out.update(_rule_json(target))
            return out

        return client._request(operation, "POST", _root(client), params, shape)

    return call


# ---- Lambda (rest-json) -------------------------------------------------------------------------


def invoke(client, params):
    """RequestResponse waits for the invoked function: the lambda host's latency is its duration.
    Event is queued: answered 202 at once (the default answer's latency)."""
    _require(params, "FunctionName", operation="Invoke")
    kind = params.get("InvocationType", "RequestResponse")
    name = quote(str(params["FunctionName"]), safe="")
    url = f"{client._endpoint_url or endpoint('lambda', client.meta.region_name)}/2015-03-31/functions/{name}/invocations"
    if params.get("Qualifier"):
        url += "?" + urlencode({"Qualifier": params["Qualifier"]})

    def adjust(target):
        if kind in ("Event", "DryRun") and target.source == "default":
            target.latency = 0.05
            target.status = 202 if kind == "Event" else 204
            target.body = b""

    def shape(target):
        out = {"StatusCode": target.status, "Payload": StreamingBody(target.body, len(target.body)),
               "ExecutedVersion": target.headers.get("x-amz-executed-version", "$LATEST")}
        if "x-amz-function-error" in target.headers:
            out["FunctionError"] = target.headers["x-amz-function-error"]
        if kind == "Event":
            out.pop("ExecutedVersion")
        return out

    return client._request("Invoke", "POST", url, params, shape, adjust=adjust)


# ---- Bedrock runtime (rest-json) ------------------------------------------------------------------


def _model_url(client, model_id, action):
    return f"{client._endpoint_url or endpoint('bedrock-runtime', client.meta.region_name)}/model/{quote(str(model_id), safe='')}/{action}"


def invoke_model(client, params):
    _require(params, "modelId", operation="InvokeModel")

    def shape(target):
        return {"body": StreamingBody(target.body, len(target.body)),
                "contentType": target.headers.get("content-type", "application/json")}

    return client._request("InvokeModel", "POST", _model_url(client, params["modelId"], "invoke"), params, shape)


def converse(client, params):
    _require(params, "modelId", "messages", operation="Converse")

    def shape(target):
        data = _rule_json(target)
        if data:
            return data
        return {
            "output": {"message": {"role": "assistant", "content": [{"text": "Simulated reply: no response rule matched this call."}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 0, "outputTokens": 0, "totalTokens": 0},
            "metrics": {"latencyMs": int(target.latency * 1000)},
        }

    return client._request("Converse", "POST", _model_url(client, params["modelId"], "converse"), params, shape)


SERVICES = {
    "s3": {"class": "S3", "operations": {
        "get_object": get_object, "put_object": put_object, "head_object": head_object,
        "delete_object": delete_object, "list_objects_v2": list_objects_v2, "upload_file": upload_file,
        "upload_fileobj": upload_fileobj, "download_file": download_file, "download_fileobj": download_fileobj,
        "generate_presigned_url": generate_presigned_url,
    }},
    "sqs": {"class": "SQS", "operations": {
        "send_message": send_message, "receive_message": receive_message, "delete_message": delete_message,
        "get_queue_url": get_queue_url,
    }},
    "dynamodb": {"class": "DynamoDB", "operations": {
        "get_item": _dynamo("GetItem", ("TableName", "Key"), {}),
        "put_item": _dynamo("PutItem", ("TableName", "Item"), {}),
        "update_item": _dynamo("UpdateItem", ("TableName", "Key"), {}),
        "delete_item": _dynamo("DeleteItem", ("TableName", "Key"), {}),
        "query": _dynamo("Query", ("TableName",), {"Items": [], "Count": 0, "ScannedCount": 0}),
        "scan": _dynamo("Scan", ("TableName",), {"Items": [], "Count": 0, "ScannedCount": 0}),
    }},
    "lambda": {"class": "Lambda", "operations": {"invoke": invoke}},
    "bedrock-runtime": {"class": "BedrockRuntime", "operations": {"invoke_model": invoke_model, "converse": converse}},
}

# boto3's injected S3 methods take positional arguments; API operations take keywords only.
POSITIONAL = {
    "upload_file": ("Filename", "Bucket", "Key", "ExtraArgs", "Callback", "Config"),
    "download_file": ("Bucket", "Key", "Filename", "ExtraArgs", "Callback", "Config"),
    "upload_fileobj": ("Fileobj", "Bucket", "Key", "ExtraArgs", "Callback", "Config"),
    "download_fileobj": ("Bucket", "Key", "Fileobj", "ExtraArgs", "Callback", "Config"),
    "generate_presigned_url": ("ClientMethod", "Params", "ExpiresIn", "HttpMethod"),
}
