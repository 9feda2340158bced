"""runpod.serverless.utils.rp_cuda as runpod-python 1.12.0 has it (07fc6e2b,
runpod/serverless/utils/rp_cuda.py): is_available() runs `nvidia-smi` with subprocess.check_output
and answers True when its output contains "NVIDIA-SMI", False on any failure.

The sandbox has no nvidia-smi and no GPU, so running the program says nothing about the machine the
handler is deployed on. The answer is the platform's instead: a RunPod Serverless worker is
normally on a GPU endpoint, where nvidia-smi is present (True); anywhere else, and on RunPod's CPU
endpoints, there is none (False). Either way a note says what was answered and why.
"""

from _deadline import entry as _entry
from _deadline import state as _state


def is_available():
    run = _state.current
    gpu = run is not None and run.platform == "runpod"
    if run is not None and not getattr(run, "_rp_cuda_noted", False):
        run._rp_cuda_noted = True
        where = (
            "a RunPod Serverless GPU worker has nvidia-smi (a CPU endpoint would answer False)"
            if gpu
            else f"the simulator runs no nvidia-smi and this run's platform ({run.platform}) gives no GPU"
        )
        _entry.note(run, "entry", (
            f"rp_cuda.is_available() answered {gpu}: runpod-python runs nvidia-smi and looks for NVIDIA-SMI in its "
            f"output; {where}"
        ))
    return gpu
