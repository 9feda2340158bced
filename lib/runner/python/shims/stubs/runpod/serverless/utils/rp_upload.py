"""runpod-python 1.12.0 rp_upload over the boto3 stub.

With BUCKET_ENDPOINT_URL, BUCKET_ACCESS_KEY_ID and BUCKET_SECRET_ACCESS_KEY set (or bucket_creds
given), uploads are S3 calls to that endpoint (virtual-hosted style, as botocore addresses a custom
endpoint) with the SDK's Config(signature_version="s3v4", retries={"max_attempts": 3, "mode":
"standard"}), then a presigned URL valid 604800 s (7 days). Without them, the SDK's documented
fallback: a warning ("No bucket endpoint set, saving to disk folder 'local_upload'. ...") and a
copy on local disk (upload_image uses 'simulated_uploaded'), whose path is returned. The bucket
defaults to time.strftime("%m-%y").
"""

import io
import logging
import os
import shutil
import sys
import time
import uuid
from urllib.parse import urlparse

logger = logging.getLogger("runpod upload utility")


class _Stderr(logging.Handler):
    # The SDK calls logging.basicConfig(format=FMT) at import; the simulator prints the same line
    # format to the run's stderr without configuring the root logger for later runs.
    simulated = True

    def emit(self, record):
        sys.stderr.write(f"{record.filename:<20}:{record.lineno:<4d} {self.formatter.formatTime(record) if self.formatter else ''} {record.getMessage()}\n")


for _old in [h for h in logger.handlers if getattr(h, "simulated", False)]:
    logger.removeHandler(_old)
_handler = _Stderr()
_handler.setFormatter(logging.Formatter())
logger.addHandler(_handler)
logger.setLevel(logging.INFO)
logger.propagate = False


def _save_to_local_fallback(file_name, source_path=None, file_data=None, directory="local_upload"):
    logger.warning(
        f"No bucket endpoint set, saving to disk folder '{directory}'. "
        "If this is a live endpoint, please reference: "
        "https://github.com/runpod/runpod-python/blob/main/docs/serverless/utils/rp_upload.md"
    )
    os.makedirs(directory, exist_ok=True)
    location = f"{directory}/{file_name}"
    if source_path:
        shutil.copyfile(source_path, location)
    elif file_data is not None:
        with open(location, "wb") as out:
            out.write(file_data)
    else:
        raise ValueError("Either source_path or file_data must be provided")
    return location


def extract_region_from_url(endpoint_url):
    parsed = urlparse(endpoint_url)
    if ".s3." in endpoint_url:
        return endpoint_url.split(".s3.")[1].split(".")[0]
    if parsed.netloc.endswith(".digitaloceanspaces.com"):
        return endpoint_url.split(".")[1].split(".digitaloceanspaces.com")[0]
    return None


def _config():
    from botocore.config import Config

    return Config(signature_version="s3v4", retries={"max_attempts": 3, "mode": "standard"})


def get_boto_client(bucket_creds=None):
    from boto3 import session
    from boto3.s3.transfer import TransferConfig

    transfer_config = TransferConfig(multipart_threshold=1024 * 25, max_concurrency=os.cpu_count() or 1,
                                     multipart_chunksize=1024 * 25, use_threads=True)
    if bucket_creds:
        endpoint_url, key_id, secret = bucket_creds["endpointUrl"], bucket_creds["accessId"], bucket_creds["accessSecret"]
    else:
        endpoint_url = os.environ.get("BUCKET_ENDPOINT_URL", None)
        key_id = os.environ.get("BUCKET_ACCESS_KEY_ID", None)
        secret = os.environ.get("BUCKET_SECRET_ACCESS_KEY", None)
    if endpoint_url and key_id and secret:
        client = session.Session().client("s3", endpoint_url=endpoint_url, aws_access_key_id=key_id,
                                          aws_secret_access_key=secret, config=_config(),
                                          region_name=extract_region_from_url(endpoint_url))
    else:
        client = None
    return client, transfer_config


def upload_image(job_id, image_location, result_index=0, results_list=None, bucket_name=None):
    image_name = str(uuid.uuid4())[:8]
    client, _ = get_boto_client()
    extension = os.path.splitext(image_location)[1]
    with open(image_location, "rb") as handle:
        output = handle.read()
    if client is None:
        location = _save_to_local_fallback(f"{image_name}{extension}", file_data=output, directory="simulated_uploaded")
        if results_list is not None:
            results_list[result_index] = location
        return location
    bucket = bucket_name if bucket_name else time.strftime("%m-%y")
    key = f"{job_id}/{image_name}{extension}"
    client.put_object(Bucket=bucket, Key=key, Body=output, ContentType="image/" + extension.lstrip("."))
    url = client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=604800)
    if results_list is not None:
        results_list[result_index] = url
    return url


def files(job_id, file_list):
    import threading

    urls = [None] * len(file_list)
    threads = [threading.Thread(target=upload_image, args=(job_id, f, i, urls)) for i, f in enumerate(file_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return urls


def bucket_upload(job_id, file_list, bucket_creds):
    from boto3 import session

    client = session.Session().client("s3", endpoint_url=bucket_creds["endpointUrl"],
                                      aws_access_key_id=bucket_creds["accessId"],
                                      aws_secret_access_key=bucket_creds["accessSecret"], config=_config())
    urls = []
    for selected in file_list:
        with open(selected, "rb") as data:
            client.put_object(Bucket=str(bucket_creds["bucketName"]), Key=f"{job_id}/{selected}", Body=data)
        urls.append(f"{bucket_creds['endpointUrl']}/{bucket_creds['bucketName']}/{job_id}/{selected}")
    return urls


def upload_file_to_bucket(file_name, file_location, bucket_creds=None, bucket_name=None, prefix=None, extra_args=None):
    client, transfer_config = get_boto_client(bucket_creds)
    bucket_name = bucket_name or time.strftime("%m-%y")
    key = f"{prefix}/{file_name}" if prefix else file_name
    if client is None:
        return _save_to_local_fallback(file_name, source_path=file_location)
    args = {"Filename": file_location, "Bucket": bucket_name, "Key": key, "Config": transfer_config}
    if extra_args:
        args["ExtraArgs"] = extra_args
    client.upload_file(**args)
    return client.generate_presigned_url("get_object", Params={"Bucket": bucket_name, "Key": key}, ExpiresIn=604800)


def upload_in_memory_object(file_name, file_data, bucket_creds=None, bucket_name=None, prefix=None):
    client, transfer_config = get_boto_client(bucket_creds)
    bucket_name = bucket_name or time.strftime("%m-%y")
    key = f"{prefix}/{file_name}" if prefix else file_name
    if client is None:
        return _save_to_local_fallback(file_name, file_data=file_data)
    client.upload_fileobj(io.BytesIO(file_data), bucket_name, key, Config=transfer_config)
    return client.generate_presigned_url("get_object", Params={"Bucket": bucket_name, "Key": key}, ExpiresIn=604800)
