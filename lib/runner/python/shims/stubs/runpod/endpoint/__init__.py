from .runner import Endpoint, Job, RunPodClient

__all__ = ["Endpoint", "Job", "RunPodClient"]
