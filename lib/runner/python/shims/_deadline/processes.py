"""Starting programs, processes and native libraries: impossible in the sandbox, modelled on request.

Pyodide can import subprocess, multiprocessing and ctypes, but using them fails late and in
emscripten's words ("[Errno 138] emscripten does not support processes", "No module named
'_multiprocessing'", "could not load dynamic lib"), and under Node os.system would even run a real
shell command on the host. During a run:

- subprocess.run / Popen / call / check_call / check_output / getoutput / getstatusoutput,
  os.system / os.popen / os.spawn* / os.exec* / os.fork and asyncio's create_subprocess_* end the
  run with a ProcessUnavailable error on the user's line that says how to model it; with
  `subprocess` modelled (`--model subprocess`, or `*`), the program "runs" for the seconds of the
  cost rule naming it (`subprocess.run`, `subprocess.Popen`, `os.system`, or
  `subprocess:<program>` such as `subprocess:ffmpeg`) as a modelled span, and completes with
  return code 0 and empty output. A Popen overlaps the caller like a thread: wait(),
  communicate() and poll() see it finish at its modelled time.
- multiprocessing's Process.start / Pool and concurrent.futures.ProcessPoolExecutor likewise; with
  `multiprocessing` modelled the work runs in-process, overlapping in virtual time like threads
  (what separate processes would change, such as pickling and memory, is not simulated).
- ctypes.CDLL / cdll.LoadLibrary of a named library likewise; with `ctypes` modelled the library is
  an inert object whose calls are modelled calls (`ctypes:<library>.<function>`).

The error ends the run rather than being an OSError the handler could catch and carry on from:
what the program would have done is unknown, so a verdict after it would rest on nothing.
"""

import asyncio
import concurrent.futures as cf
import os
import subprocess
import sys

from . import state, threads

# multiprocessing and ctypes cost a quarter of a second to import in Pyodide: they are patched
# when a run imports them (imports.UserFinder calls patch_on_import), or at install when an earlier
# run already did.
LAZY = ("multiprocessing", "ctypes")

_real_popen = subprocess.Popen


class ProcessUnavailable(state.ProcessKilled):
    """Ends the run: see the module docstring."""


def _modelled(name):
    run = state.current
    if run.models_everything:
        return True
    return any(name == entry or name.startswith(entry + ".") for entry in run.model_names)


def _refuse(what, model_name, example):
    run = state.current
    line = run.user_line(sys._getframe(2))
    run.error = {
        "type": "ProcessUnavailable",
        "message": (
            f"{what} is not available in a browser sandbox: model it with --model {model_name} "
            f"(a Modelled modules row in the editor, simulate.model in an article) and give it a cost, e.g. --cost '{example}'"
        ),
        "line": line,
    }
    raise ProcessUnavailable()


def _program(args, shell):
    if isinstance(args, (str, bytes, os.PathLike)):
        import shlex

        text = os.fsdecode(args)
        if shell:
            try:
                words = shlex.split(text)
            except ValueError:
                words = text.split()
        else:
            words = [text]
    else:
        words = [os.fsdecode(a) if isinstance(a, (str, bytes, os.PathLike)) else str(a) for a in args]
    first = words[0] if words else ""
    return os.path.basename(first) or first, " ".join(words)


def _charge(kind_name, program, command, line):
    """Waits the program's modelled time on the caller's clock; returns the span."""
    run = state.current
    match = run.cost_of([f"subprocess:{program}", kind_name])
    seconds = float(match["seconds"]) if match else 0.0
    label = f"modelled: subprocess:{program} ({kind_name} {command[:60]})"
    span = run.open_span("modelled", run.event_boundary(line), line, label, cost=match["pattern"] if match else None)
    try:
        run.wait(seconds, line)
    finally:
        span["end"] = run.now()
        run.after_event()


def _empty_output(kwargs, stream):
    if kwargs.get(stream) is None and not (stream == "stdout" and kwargs.get("capture_output")) and not (stream == "stderr" and kwargs.get("capture_output")):
        return None
    text = kwargs.get("text") or kwargs.get("universal_newlines") or kwargs.get("encoding") or kwargs.get("errors")
    return "" if text else b""


class ModelledPopen:
    """A process that finished (return code 0, no output) at its modelled time."""

    def __init__(self, args, *rest, **kwargs):
        run = state.current
        self.args = args
        self.pid = 4242
        self.returncode = None
        self._kwargs = kwargs
        program, command = _program(args, kwargs.get("shell", False))
        line = run.user_line(sys._getframe(1))
        match = run.cost_of([f"subprocess:{program}", "subprocess.Popen"])
        seconds = float(match["seconds"]) if match else 0.0
        start = run.now()
        self._done_at = start + seconds
        # Shown like a thread's work: it overlaps whatever the caller does until it waits.
        run.add_span({
            "kind": "modelled", "start": start, "end": self._done_at, "line": line,
            "label": f"modelled: subprocess:{program} (subprocess.Popen {command[:60]})",
            "cost": match["pattern"] if match else None,
        })
        self.stdin = None
        self.stdout = None
        self.stderr = None

    def _finish(self, timeout=None):
        run = state.current
        waited = threads._wait_until(self._done_at, timeout, run.caller_line(3))
        if not waited:
            raise subprocess.TimeoutExpired(self.args, timeout)
        self.returncode = 0
        return 0

    def wait(self, timeout=None):
        return self._finish(timeout)

    def communicate(self, input=None, timeout=None):
        self._finish(timeout)
        return _empty_output(self._kwargs, "stdout"), _empty_output(self._kwargs, "stderr")

    def poll(self):
        if state.current.now() >= self._done_at:
            self.returncode = 0
        return self.returncode

    def kill(self):
        self._done_at = min(self._done_at, state.current.now())

    terminate = kill

    def send_signal(self, sig):
        self.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._finish()
        return False


def _popen(args, *rest, **kwargs):
    if not _modelled("subprocess"):
        program, _ = _program(args, kwargs.get("shell", False))
        _refuse("starting programs", "subprocess", f"subprocess:{program or 'ffmpeg'}=12")
    return ModelledPopen(args, *rest, **kwargs)


def _run(args, *rest, check=False, timeout=None, input=None, **kwargs):
    program, command = _program(args, kwargs.get("shell", False))
    if not _modelled("subprocess"):
        _refuse("starting programs", "subprocess", f"subprocess:{program or 'ffmpeg'}=12")
    run = state.current
    line = run.user_line(sys._getframe(1))
    _charge("subprocess.run", program, command, line)
    return subprocess.CompletedProcess(args, 0, _empty_output(kwargs, "stdout"), _empty_output(kwargs, "stderr"))


def _call(args, *rest, timeout=None, **kwargs):
    return _run(args, *rest, **kwargs).returncode


def _check_output(args, *rest, timeout=None, **kwargs):
    kwargs.setdefault("stdout", subprocess.PIPE)
    out = _run(args, *rest, **kwargs).stdout
    return out if out is not None else b""


def _getoutput(cmd, *, encoding=None, errors=None):
    _run(cmd, shell=True)
    return ""


def _getstatusoutput(cmd, *, encoding=None, errors=None):
    _run(cmd, shell=True)
    return 0, ""


def _system(command):
    program, text = _program(command, True)
    if not _modelled("subprocess"):
        _refuse("starting programs (os.system)", "subprocess", f"subprocess:{program or 'ffmpeg'}=12")
    _charge("os.system", program, text, state.current.user_line(sys._getframe(1)))
    return 0


def _os_refused(name):
    def refused(*args, **kwargs):
        _refuse(f"starting processes (os.{name})", "subprocess", "subprocess:worker=5")

    refused.__name__ = name
    return refused


class _ModelledStream:
    def read(self, *args):
        return ""

    def close(self):
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __iter__(self):
        return iter(())


def _os_popen(cmd, mode="r", buffering=-1):
    program, text = _program(cmd, True)
    if not _modelled("subprocess"):
        _refuse("starting programs (os.popen)", "subprocess", f"subprocess:{program or 'ffmpeg'}=12")
    _charge("os.popen", program, text, state.current.user_line(sys._getframe(1)))
    return _ModelledStream()


async def _create_subprocess(program, *args, **kwargs):
    # Not reached unless modelled: the refusal happens when the coroutine is created.
    return ModelledPopen([program, *args], **{k: v for k, v in kwargs.items() if k in ("text", "stdout", "stderr")})


def _create_subprocess_exec(program, *args, **kwargs):
    if not _modelled("subprocess"):
        _refuse("starting programs (asyncio.create_subprocess_exec)", "subprocess", f"subprocess:{os.path.basename(str(program))}=12")
    return _create_subprocess(program, *args, **kwargs)


def _create_subprocess_shell(cmd, **kwargs):
    program, _ = _program(cmd, True)
    if not _modelled("subprocess"):
        _refuse("starting programs (asyncio.create_subprocess_shell)", "subprocess", f"subprocess:{program}=12")
    return _create_subprocess(program, **kwargs)


# ---- multiprocessing ----------------------------------------------------------------------------


def _process_start(self):
    if not _modelled("multiprocessing"):
        _refuse("starting processes (multiprocessing)", "multiprocessing", "cost of the work is its own code's time")
    run = state.current
    line = run.caller_line()
    target = getattr(self, "_target", None)

    def body():
        if target is not None:
            target(*getattr(self, "_args", ()), **getattr(self, "_kwargs", {}))

    end, _ok, _value = run.run_thread(run.now(), body, (), {}, f"process: {self.name}", line)
    self._deadline_end = end


def _process_join(self, timeout=None):
    end = getattr(self, "_deadline_end", None)
    if end is None:
        raise AssertionError("can only join a started process")
    threads._wait_until(end, timeout, state.current.caller_line())


def _process_is_alive(self):
    end = getattr(self, "_deadline_end", None)
    return end is not None and state.current.now() < end


def _process_exitcode(self):
    end = getattr(self, "_deadline_end", None)
    return None if end is None or state.current.now() < end else 0


class ModelledPool:
    """multiprocessing.Pool, when modelled: the work runs in-process on a virtual pool of workers."""

    def __init__(self, processes=None, initializer=None, initargs=(), *args, **kwargs):
        self._executor = threads.ThreadPoolExecutor(processes or threads.SIMULATED_CPUS, initializer=initializer, initargs=initargs)

    def apply(self, func, args=(), kwds=None):
        return self._executor.submit(func, *args, **(kwds or {})).result()

    def apply_async(self, func, args=(), kwds=None, callback=None, error_callback=None):
        return _AsyncResult(self._executor.submit(func, *args, **(kwds or {})))

    def map(self, func, iterable, chunksize=None):
        return [f.result() for f in [self._executor.submit(func, item) for item in iterable]]

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        futures = [self._executor.submit(func, item) for item in iterable]
        return _AsyncResult(futures)

    def starmap(self, func, iterable, chunksize=None):
        return [f.result() for f in [self._executor.submit(func, *item) for item in iterable]]

    def imap(self, func, iterable, chunksize=1):
        return iter(self.map(func, iterable))

    imap_unordered = imap

    def close(self):
        pass

    def terminate(self):
        pass

    def join(self):
        self._executor.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _AsyncResult:
    def __init__(self, futures):
        self._futures = futures

    def get(self, timeout=None):
        if isinstance(self._futures, list):
            return [f.result(timeout) for f in self._futures]
        return self._futures.result(timeout)

    def wait(self, timeout=None):
        try:
            self.get(timeout)
        except Exception:
            pass

    def ready(self):
        futures = self._futures if isinstance(self._futures, list) else [self._futures]
        return all(f.done() for f in futures)


def _pool(*args, **kwargs):
    if not _modelled("multiprocessing"):
        _refuse("starting processes (multiprocessing.Pool)", "multiprocessing", "cost of the work is its own code's time")
    return ModelledPool(*args, **kwargs)


def _context_pool(self, *args, **kwargs):
    return _pool(*args, **kwargs)


class ProcessPoolExecutor(threads.ThreadPoolExecutor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), **kwargs):
        if not _modelled("multiprocessing"):
            _refuse("starting processes (ProcessPoolExecutor)", "multiprocessing", "cost of the work is its own code's time")
        super().__init__(max_workers or threads.SIMULATED_CPUS, initializer=initializer, initargs=initargs)


# ---- ctypes ---------------------------------------------------------------------------------------

_real_cdll = {}


def _cdll(name, *args, **kwargs):
    if name is None:
        return _real_cdll["CDLL"](name, *args, **kwargs)
    library = os.path.basename(os.fsdecode(name))
    if not _modelled("ctypes"):
        _refuse(f"loading native libraries ({library})", "ctypes", f"ctypes:{library}.*=1")
    from . import model

    return model.Modelled(f"ctypes:{library}")


class _LibraryLoader:
    def __init__(self, original):
        self._original = original

    def LoadLibrary(self, name):
        return _cdll(name)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return _cdll(name)


def install(patches):
    for name, value in (
        ("Popen", _popen), ("run", _run), ("call", _call), ("check_call", _call),
        ("check_output", _check_output), ("getoutput", _getoutput), ("getstatusoutput", _getstatusoutput),
    ):
        patches.set(subprocess, name, value)
    patches.set(os, "system", _system)
    patches.set(os, "popen", _os_popen)
    for name in ("fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                 "spawnv", "spawnve", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            patches.set(os, name, _os_refused(name))
    patches.set(asyncio, "create_subprocess_exec", _create_subprocess_exec)
    patches.set(asyncio, "create_subprocess_shell", _create_subprocess_shell)
    patches.set(cf, "ProcessPoolExecutor", ProcessPoolExecutor)
    for name in LAZY:
        if name in sys.modules:
            _PATCHERS[name](patches)


def patch_on_import(name):
    """Patches a LAZY module right after the run first imports it."""
    run = state.current
    if run is not None and getattr(run, "patches", None) is not None:
        _PATCHERS[name](run.patches)


def _patch_multiprocessing(patches):
    import multiprocessing
    import multiprocessing.context
    import multiprocessing.process

    patches.set(multiprocessing.process.BaseProcess, "start", _process_start)
    patches.set(multiprocessing.process.BaseProcess, "join", _process_join)
    patches.set(multiprocessing.process.BaseProcess, "is_alive", _process_is_alive)
    patches.set(multiprocessing.process.BaseProcess, "exitcode", property(_process_exitcode))
    patches.set(multiprocessing.context.BaseContext, "Pool", _context_pool)
    # multiprocessing.Pool is the default context's method, bound when multiprocessing was imported.
    patches.set(multiprocessing, "Pool", _pool)


def _patch_ctypes(patches):
    import ctypes

    _real_cdll.setdefault("CDLL", ctypes.CDLL)
    patches.set(ctypes, "CDLL", _cdll)
    patches.set(ctypes, "cdll", _LibraryLoader(ctypes.cdll))


_PATCHERS = {"multiprocessing": _patch_multiprocessing, "ctypes": _patch_ctypes}
