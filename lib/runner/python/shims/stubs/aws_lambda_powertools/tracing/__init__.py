from .tracer import Tracer

__all__ = ["Tracer"]
