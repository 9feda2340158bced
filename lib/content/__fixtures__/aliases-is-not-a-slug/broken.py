import time

def lambda_handler(event, context):
    time.sleep(5)
    return {"ok": True}
