"""The handler's own project (Node hosts only: the CLI and verify:content send request.project).

Sibling modules and packages in the handler's folder (`from utils import x`; `from .helpers
import y` when that folder is a package) and pure-Python packages under each --python-path
folder are importable. Files are read lazily, when imported, through the host's file provider
(lib/runner/node/python-project.ts), which confines reads to those folders and enforces its size
caps; a cap passed is an ImportError naming the file and the cap. Project modules run on the
virtual clock like the handler; their spans carry the handler's calling line. A package with
native code (.so/.pyd files, or a dist-info RECORD listing them) is not loaded: it is reported
with the hint to model it. The standard library and the simulator's stubs come first, so a
project file named like either does not replace it.
"""

import json
import linecache
import os
import sys
from importlib.machinery import ModuleSpec

from . import state


class Found:
    __slots__ = ("kind", "path", "native")

    def __init__(self, kind, path, native):
        self.kind = kind
        self.path = path
        self.native = native


_compiled = {}


class ProjectLoader:
    """Loads one project file: read through the provider, compiled once per source text."""

    def __init__(self, project, fullname, file):
        self.project = project
        self.fullname = fullname
        self.file = file

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__deadline_project__ = True
        if self.file is None:
            return  # a namespace package: a folder without __init__.py
        source = self.project.read(self.file)
        cached = _compiled.get(self.file)
        if cached is None or cached[0] != source:
            cached = _compiled[self.file] = (source, compile(source, self.file, "exec", dont_inherit=True))
        linecache.cache[self.file] = (len(source), None, source.splitlines(True), self.file)
        run = state.current
        if run is not None and run.patches is not None:
            run.patches.on_restore(lambda file=self.file: linecache.cache.pop(file, None))
        exec(cached[1], module.__dict__)

    def get_source(self, fullname):
        return self.project.read(self.file) if self.file else ""


class Project:
    def __init__(self, bridge, spec):
        self.bridge = bridge
        self.root = spec["root"]
        self.python_path = list(spec.get("pythonPath") or [])
        self.package = spec.get("package")
        self.is_package = bool(self.package)
        self._lookups = {}
        self._sources = {}

    def _lookup(self, folder, name):
        key = (folder, name)
        if key not in self._lookups:
            text = str(self.bridge.projectLookup(folder, name))
            found = json.loads(text) if text else None
            self._lookups[key] = Found(found["kind"], found["path"], found.get("native")) if found else None
        return self._lookups[key]

    def lookup(self, top):
        """What provides the top-level module `top`: the handler's folder first, then --python-path."""
        if self.is_package and top == self.package:
            return Found("package", self.root, None)
        for folder in [self.root, *self.python_path]:
            found = self._lookup(folder, top)
            if found is not None:
                return found
        return None

    def lookup_relative(self, module, level):
        if level != 1 or not module:
            return Found("package", self.root, None) if level == 1 else None
        return self._lookup(self.root, module.partition(".")[0])

    def read(self, file):
        """A file's text, read once per run (the import scan and the import share it)."""
        text = self._sources.get(file)
        if text is None:
            answer = json.loads(str(self.bridge.projectRead(file)))
            if "error" in answer:
                raise ImportError(answer["error"])
            text = self._sources[file] = answer["text"]
        return text

    def in_package(self, folder):
        """Whether modules in `folder` (one the scan reached) belong to a package: any folder below
        the root was reached as a package or namespace; the root only when it holds __init__.py."""
        return self.is_package or os.path.normpath(folder) != os.path.normpath(self.root)

    def own_files(self, module, level=0, base=None):
        """The handler's own files (not --python-path packages) that importing `module` runs: each
        package's __init__.py on the way, then the module. Empty when it is not one of them."""
        parts = [p for p in module.split(".") if p]
        if not parts:
            return []
        if level:
            found = self._lookup(base or self.root, parts[0])
        else:
            if self.is_package and parts[0] == self.package:
                return []
            found = self._lookup(self.root, parts[0])
        files = []
        for index, part in enumerate(parts):
            if index:
                if found is None or found.kind == "module":
                    break
                found = self._lookup(found.path, part)
            if found is None or found.native:
                break
            if found.kind == "module":
                files.append(found.path)
            elif found.kind == "package":
                files.append(os.path.join(found.path, "__init__.py"))
        return files

    def find_spec(self, fullname, path):
        parent, _, name = fullname.rpartition(".")
        if not parent:
            found = self.lookup(name)
        else:
            owner = sys.modules.get(parent)
            if not getattr(owner, "__deadline_project__", False):
                return None
            found = None
            for folder in list(path or []):
                found = self._lookup(folder, name)
                if found is not None:
                    break
        if found is None:
            return None
        if found.native:
            if state.current.models_everything:
                from . import model

                return model.spec_for(fullname)
            return None  # not loadable: the ModuleNotFoundError is reported with the native hint
        if found.kind == "module":
            return ModuleSpec(fullname, ProjectLoader(self, fullname, found.path), origin=found.path)
        init = os.path.join(found.path, "__init__.py") if found.kind == "package" else None
        spec = ModuleSpec(fullname, ProjectLoader(self, fullname, init), origin=init, is_package=True)
        spec.submodule_search_locations = [found.path]
        spec.has_location = init is not None
        return spec


def current():
    run = state.current
    return getattr(run, "project", None) if run is not None else None
