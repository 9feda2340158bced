from . import correlation_paths
from .formatter import LambdaPowertoolsFormatter
from .logger import Logger

__all__ = ["Logger", "LambdaPowertoolsFormatter", "correlation_paths"]
