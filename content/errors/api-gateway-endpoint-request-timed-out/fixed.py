import json
import os
import uuid

import boto3

sqs = boto3.client("sqs")
QUEUE_URL = os.environ["REPORT_QUEUE_URL"]


def lambda_handler(event, context):
    order = json.loads(event["body"])
    job_id = str(uuid.uuid4())
    # A worker Lambda (timeout 60 s, no API Gateway in front) consumes the queue, calls the
    # renderer and stores the result under the job id.
    sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps({"jobId": job_id, "order": order}))
    # Answer well inside the 29 s integration timeout: 202 plus where to poll for the result.
    return {
        "statusCode": 202,
        "headers": {"Content-Type": "application/json", "Location": f"/reports/{job_id}"},
        "body": json.dumps({"jobId": job_id, "status": "QUEUED"}),
    }
