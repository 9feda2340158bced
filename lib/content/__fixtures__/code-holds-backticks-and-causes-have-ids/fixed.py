import time

# A docstring holding a Markdown fence: ````python ... ```` must not end the twin's fence.
HELP = """
````python
print("hi")
````
"""


def lambda_handler(event, context):
    time.sleep(1)
    return {"ok": True, "note": "``` and ```` inside a string"}
