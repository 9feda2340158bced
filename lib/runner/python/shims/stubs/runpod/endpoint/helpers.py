"""runpod-python 1.12.0 runpod/endpoint/helpers.py: the final states and the client's messages."""

FINAL_STATES = ["COMPLETED", "FAILED", "TIMED_OUT"]

UNAUTHORIZED_MSG = "401 Unauthorized | Make sure Runpod API key is set and valid."
API_KEY_NOT_SET_MSG = (
    "Expected `run_pod.api_key` to be initialized. "
    "You can solve this by setting `run_pod.api_key = 'your-key'. "
    "An API key can be generated at "
    "https://console.runpod.io/user/settings"
)


def is_completed(status):
    return status in ["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"]
