"""Simulator stub of runpod-python 1.12.0: the serverless worker entry point and its logger.

Client-side APIs (Endpoint, pods, endpoints) are not simulated.
"""

from . import serverless
from .serverless.modules.rp_logger import RunPodLogger
from .version import __version__

api_key = None
endpoint_url_base = "https://api.runpod.ai/v2"
