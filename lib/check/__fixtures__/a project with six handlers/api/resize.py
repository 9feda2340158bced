import time


def handler(event, context):
    # stands in for the resize: as long as the event says
    time.sleep(event.get("seconds", 1))
    return {"resized": True}
