from .retry import Retry
from .timeout import Timeout

__all__ = ("Retry", "Timeout")
