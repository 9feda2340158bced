"""Calling a Modal Function: .remote() in another container under the callee's own timeout
(FunctionTimeoutError in the caller past it), .spawn() and .map() in parallel containers on the
virtual clock, .local() here; secrets applied to the container's environment."""

from _deadline import entry as _entry
from _deadline import state as _state

from .exception import FunctionTimeoutError, NotFoundError


def _input_id(run):
    return getattr(run, "request_id", "in-simulated")


def _limit(run, fn_obj):
    from .app import effective_timeout

    return effective_timeout(run, fn_obj)


def _remote(fn_obj, thunk):
    """Runs thunk as an input of fn_obj in another container: fn_obj's own timeout applies from
    when the container has started (a class's @modal.enter first, under startup_timeout), and
    passing it raises FunctionTimeoutError here, in the caller."""
    from .app import container_startup

    run = _state.current
    limit = _limit(run, fn_obj)
    if fn_obj._cls is not None and run.phase == "handler":
        container_startup(run, fn_obj, run.now())
    start = run.now()
    # [tag, limit, start, end] of each input the local entrypoint ran; end stays None unless it
    # completed (a FunctionTimeoutError or an exception leaves it None).
    record = [fn_obj.tag, limit, start, None]
    called = getattr(run, "_modal_called", None)
    if called is not None:
        called.append(record)
    nested_at = start + limit
    saved = (run.wall_limit, run.deadline_at)
    nested = run.phase == "handler" and nested_at < run.wall_limit and not run.thread_depth
    if nested:
        run.wall_limit = nested_at
        run.deadline_at = nested_at
    stopped = False
    try:
        placeholders = _apply_secrets(fn_obj)
        if placeholders:
            _note_secrets(run, placeholders)
        value = thunk()
        record[3] = run.now()
        return value
    except _state.SimulatorStop:
        stop = run.stop
        if nested and stop is not None and stop["kind"] == "deadline" and stop["at"] >= nested_at - 1e-6 and run.monitoring_tool is None:
            # The callee's container hit its timeout; the caller goes on with the error.
            run.stop = None
            run.stopped_ticks = 0
            if run.output is not None:
                run.output.discard = False
            run.set_now(nested_at)
            error = FunctionTimeoutError(f"Task's current input {_input_id(run)} hit its timeout of {limit:g}s")
            error._deadline_stop = (dict(stop), limit, start)
            raise error from None
        stopped = True
        raise
    finally:
        if nested and not stopped:
            run.wall_limit, run.deadline_at = saved


def _apply_secrets(fn_obj):
    placeholders = []
    for secret in list(fn_obj.app.default_secrets) + list(fn_obj.options["secrets"]):
        apply = getattr(secret, "apply", None)
        if apply is not None:
            placeholders.extend(apply())
    return placeholders


def _note_secrets(run, keys):
    _entry.note(run, "entry", (
        f"the attached Modal secrets' values live on Modal: {', '.join(sorted(set(keys)))} "
        f"{'was' if len(set(keys)) == 1 else 'were'} set to placeholder values in os.environ"
    ))


class FunctionCall:
    """What .spawn() gives: the input runs in parallel; get() waits for it on the caller's clock."""

    def __init__(self, fn_obj, end, ok, value, start):
        self.object_id = f"fc-{id(self):x}"
        self._fn = fn_obj
        self._end, self._ok, self._value, self._start = end, ok, value, start

    def get(self, timeout=None):
        run = _state.current
        limit = _limit(run, self._fn)
        timed_out = self._end == _state.INF
        end = self._start + limit if timed_out else self._end
        now = run.now()
        if timeout is not None and now + timeout < end:
            run.timed_wait("timer", timeout, run.caller_line(), "FunctionCall.get (timed out)")
            raise TimeoutError()
        if end > now:
            run.timed_wait("timer", end - now, run.caller_line(), f"FunctionCall.get: {self._fn.tag}")
        if timed_out:
            raise FunctionTimeoutError(f"Task's current input {_input_id(run)} hit its timeout of {limit:g}s")
        if not self._ok:
            raise self._value
        return self._value

    def cancel(self, terminate_containers=False):
        pass

    @staticmethod
    def from_id(function_call_id, client=None):
        raise NotFoundError(f"FunctionCall {function_call_id} is not in this run")


def _spawn(fn_obj, call):
    run = _state.current
    start = run.now()
    limit = _limit(run, fn_obj)
    saved = run.wall_limit
    run.wall_limit = min(saved, start + limit)
    try:
        end, ok, value = run.run_thread(start, call, (), {}, f"modal container: {fn_obj.tag}", run.caller_line(3))
    finally:
        run.wall_limit = saved
    return FunctionCall(fn_obj, end, ok, value, start)


class Function:
    """A Modal Function: .remote(), .local(), .spawn(), .map(), .starmap(), .for_each()."""

    def __init__(self, app, raw, options, tag, web=None, cls=None, method_name=None, web_params=None):
        self.web_params = dict(web_params or {})
        self.app = app
        self.raw = raw
        self.options = options
        self.tag = tag
        self.web = web
        self._cls = cls
        self._method_name = method_name
        self._params = {}
        self.__name__ = getattr(raw, "__name__", tag)
        self.__qualname__ = getattr(raw, "__qualname__", tag)
        self.__doc__ = getattr(raw, "__doc__", None)
        self.__wrapped__ = raw

    def _target(self):
        if self._cls is not None:
            return getattr(self._cls._instance(**self._params), self._method_name)
        return self.raw

    def _bind(self, params):
        """This method as reached through `Cls(**params)`: the parameters go to the container's
        object when it starts, which is when an input first needs it (not at attribute access)."""
        bound = object.__new__(Function)
        bound.__dict__.update(self.__dict__)
        bound._params = dict(params)
        return bound

    def local(self, *args, **kwargs):
        return _entry.drive(self._target()(*args, **kwargs))

    def remote(self, *args, **kwargs):
        return _remote(self, lambda: _entry.drive(self._target()(*args, **kwargs)))

    async def _remote_aio(self, *args, **kwargs):
        return self.remote(*args, **kwargs)

    def spawn(self, *args, **kwargs):
        return _spawn(self, lambda: _entry.drive(self._target()(*args, **kwargs)))

    def map(self, *input_iterators, kwargs=None, order_outputs=True, return_exceptions=False, wrap_returned_exceptions=True):
        calls = [self.spawn(*args, **(kwargs or {})) for args in zip(*input_iterators)]
        for call in sorted(calls, key=lambda c: c._end) if not order_outputs else calls:
            try:
                yield call.get()
            except Exception as error:
                if not return_exceptions:
                    raise
                yield error

    def starmap(self, input_iterator, kwargs=None, order_outputs=True, return_exceptions=False):
        calls = [self.spawn(*args, **(kwargs or {})) for args in input_iterator]
        for call in calls:
            yield call.get()

    def for_each(self, *input_iterators, kwargs=None, ignore_exceptions=False):
        for _ in self.map(*input_iterators, kwargs=kwargs, return_exceptions=ignore_exceptions):
            pass

    def get_raw_f(self):
        return self.raw

    def __call__(self, *args, **kwargs):
        return self.local(*args, **kwargs)

    @property
    def web_url(self):
        return f"https://simulated--{self.tag.replace('.', '-').lower()}.modal.run"

    get_web_url = lambda self: self.web_url  # noqa: E731

    @staticmethod
    def from_name(app_name, name, *, environment_name=None):
        return _Deployed(f"{app_name}/{name}")

    lookup = from_name

    def __repr__(self):
        return f"Function({self.tag})"


class _Deployed:
    def __init__(self, tag):
        self.tag = tag

    def _refuse(self, *args, **kwargs):
        raise NotFoundError(
            f"{self.tag} is a deployed Function looked up by name: the simulator runs only the code in this file, "
            "so it cannot call it (model its time with a cost rule, or define it here)"
        )

    remote = spawn = local = map = _refuse
