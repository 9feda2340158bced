import json
import time
import uuid


def enqueue_report_job(job):
    # Stands in for boto3: sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps(job)).
    # A worker Lambda (timeout 60 s, no API Gateway in front) consumes the queue, calls the
    # renderer for ~45 s and stores the result under the job id. Sending takes ~50 ms.
    time.sleep(0.05)


def lambda_handler(event, context):
    order = json.loads(event["body"])
    job_id = str(uuid.uuid4())
    enqueue_report_job({"jobId": job_id, "order": order})
    # Answer well inside the 29 s integration timeout: 202 plus where to poll for the result.
    return {
        "statusCode": 202,
        "headers": {"Content-Type": "application/json", "Location": f"/reports/{job_id}"},
        "body": json.dumps({"jobId": job_id, "status": "QUEUED"}),
    }
