"""Simulator stub of runpod-python 1.12.0: the serverless worker entry point, its logger and
utilities (rp_upload, rp_download, rp_cleanup, rp_debugger, rp_validator), and the endpoint client
(runpod.Endpoint) over api.runpod.ai. Pod and endpoint management APIs are not simulated.
"""

import os

from . import serverless
from .endpoint import Endpoint, Job
from .serverless.modules.rp_logger import RunPodLogger
from .version import __version__

# runpod/__init__.py reads ~/.runpod/config.toml for a key; a simulated worker has none.
api_key = None
endpoint_url_base = os.environ.get("RUNPOD_ENDPOINT_BASE_URL", "https://api.runpod.ai/v2")
