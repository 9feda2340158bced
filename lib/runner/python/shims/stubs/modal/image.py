"""modal.Image: the container image is built by Modal, not here. Every builder method returns an
image so chains read as they do; `with image.imports():` runs its imports (in the container they
are installed; the simulator needs them stubbed or modelled)."""

import contextlib


class Image:
    def __init__(self, steps=None):
        self.steps = list(steps or [])

    def _with(self, step, *args, **kwargs):
        return Image(self.steps + [(step, args, kwargs)])

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._with(name, *args, **kwargs)

    @staticmethod
    def debian_slim(python_version=None, force_build=False):
        return Image([("debian_slim", (python_version,), {})])

    @staticmethod
    def from_registry(tag, secret=None, *, setup_dockerfile_commands=(), force_build=False, add_python=None, **kwargs):
        return Image([("from_registry", (tag,), {})])

    @staticmethod
    def micromamba(python_version=None, force_build=False):
        return Image([("micromamba", (python_version,), {})])

    @staticmethod
    def from_dockerfile(path, *args, **kwargs):
        return Image([("from_dockerfile", (path,), {})])

    @staticmethod
    def from_aws_ecr(tag, secret=None, **kwargs):
        return Image([("from_aws_ecr", (tag,), {})])

    @staticmethod
    def from_gcp_artifact_registry(tag, secret=None, **kwargs):
        return Image([("from_gcp_artifact_registry", (tag,), {})])

    @staticmethod
    def from_id(image_id, client=None):
        return Image([("from_id", (image_id,), {})])

    @staticmethod
    def conda(python_version=None, force_build=False):
        return Image([("conda", (python_version,), {})])

    @contextlib.contextmanager
    def imports(self):
        yield

    def __repr__(self):
        return f"Image({len(self.steps)} steps)"
