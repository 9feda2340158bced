"""runpod-python 1.12.0 rp_cleanup.clean: removes the job's working folders (in the simulator's
file system, which is the run's own)."""

import os
import shutil


def clean(folder_list=None):
    for folder in ("input_objects", "output_objects", "job_files"):
        shutil.rmtree(folder, ignore_errors=True)
    if os.path.exists("output.zip"):
        os.remove("output.zip")
    for folder in folder_list or ():
        shutil.rmtree(folder, ignore_errors=True)
