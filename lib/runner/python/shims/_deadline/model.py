"""Modelled modules: declared present (the request's `model` list), never run.

Importing a modelled module, or any submodule of it (`import torch.nn as nn`, `from diffusers
import StableDiffusionPipeline`, `from x import *`), gives inert objects. What they do:

- attributes and subscripts give inert objects (the same object for the same attribute);
- calling one is a *modelled call*: a timeline span of kind "modelled", labelled
  `modelled: <name>` on the user's line, that takes the seconds of the most specific cost rule
  naming the call (0 s without one) and records the rule as span["cost"]. The wait goes through
  the run's clock like time.sleep, so deadlines, threads and asyncio see a blocking call; a call
  awaited on the spot (`await client.generate(...)`) waits on the event loop instead, so other
  tasks run meanwhile;
- a call is known by its path (`diffusers.StableDiffusionPipeline.from_pretrained`,
  `diffusers.StableDiffusionPipeline.from_pretrained().to`) and by the variables of the calling
  frame that hold the object or one it was reached from (locals, globals, attributes of `self`):
  `pipe(prompt)` is `pipe()`, `self.model.transcribe(x)` is `self.model.transcribe`;
- a call with one callable argument and no keywords returns that argument untouched and records
  nothing (decorators: `@torch.no_grad()`, `@torch.inference_mode()`, `torch.compile(model)`);
- they are context managers (sync and async), awaitable (giving an inert result), truthy, of
  len 0, 0 as int/float/index, and print as `<modelled torch.load()>`; arithmetic and comparisons
  give inert values;
- iterating one yields nothing, except when unpacking: `text, info = model.transcribe(x)` looks at
  the caller's bytecode (UNPACK_SEQUENCE / UNPACK_EX) and yields as many inert values as it takes;
- `class Net(torch.nn.Module)` works (`__mro_entries__` gives a real base class, one per path,
  whose instances keep keyword arguments as attributes and give inert objects for the rest;
  calling an instance runs its `forward` when the class defines one); `isinstance(x, modelled)`
  is False instead of a TypeError, True for instances of such subclasses;
- names that read like exceptions (`...Error`, `...Exception`, `...Timeout`, `...Warning`) are real
  exception classes, so `except openai.RateLimitError:` can match instead of failing;
- in JSON (the handler's result, or json.dumps in the handler) an inert value is its placeholder
  text.

What this cannot know is said in the result: every modelled call is on the timeline, and
result.notes counts those that had no cost rule.
"""

import abc
import asyncio
import dis
import re
import sys
import types

from . import state

_EXCEPTION_NAME = re.compile(r"^[A-Z]\w*(Error|Exception|Exceeded|Timeout|Failure|Fault|Interrupt)$")
_WARNING_NAME = re.compile(r"^[A-Z]\w*Warning$")

# Attributes that the standard library probes with getattr/hasattr to decide what an object is:
# answering them with an inert object would make it look like a future, a namedtuple, a mock...
_PROBES = frozenset({
    "_asyncio_future_blocking", "_fields", "_is_coroutine", "_is_coroutine_marker", "_mock_methods",
    "_ipython_canary_method_should_not_exist_", "_repr_html_", "_pytest_fixture_",
})
_DUNDERS_ANSWERED = frozenset({"__version__"})

_instructions = {}


def _instruction_at(code, offset):
    """(opname, arg, next opname) of the instruction at `offset` in `code`."""
    table = _instructions.get(code)
    if table is None:
        listed = list(dis.get_instructions(code))
        table = {}
        for i, ins in enumerate(listed):
            following = listed[i + 1].opname if i + 1 < len(listed) else None
            table[ins.offset] = (ins.opname, ins.arg, following)
        _instructions[code] = table
    return table.get(offset, (None, None, None))


def forget():
    """Called when a run ends: nothing made for one run (classes, code tables) outlives it."""
    _instructions.clear()
    _classes.clear()


def _is_probe(name):
    if name.startswith("__") and name.endswith("__"):
        return name not in _DUNDERS_ANSWERED
    return name in _PROBES


def _call_name(base, suffix):
    # `pipe` called is pipe.__call__ (written pipe()); `model.transcribe` called is itself; a call
    # result or an item called is `...().__call__`. See lib/runner/world/costs.ts.
    if suffix and _ATTRIBUTE_STEP.search(suffix):
        return base + suffix
    if not suffix and _ATTRIBUTE_STEP.search(base) and base.partition(".")[2]:
        return base
    return f"{base}{suffix}.__call__"


_ATTRIBUTE_STEP = re.compile(r"\.[A-Za-z_]\w*$")


# ---- classes standing in for a modelled class --------------------------------------------------

_classes = {}


class _ModelledMeta(abc.ABCMeta):
    # ABCMeta, so `class Tool(BaseTool, ABC)` has no metaclass conflict.
    def __getattr__(cls, name):
        # Private names on a class are how typing, abc and dataclasses ask what it is.
        if name.startswith("_"):
            raise AttributeError(name)
        return _attribute(cls, f"{cls.__qualname__}.{name}", name)


class ModelledBase(metaclass=_ModelledMeta):
    """The base a user's class gets for `class Net(torch.nn.Module)`."""

    _deadline_modelled = True

    def __init_subclass__(cls, **kwargs):
        # pydantic-style class keywords (`class M(BaseModel, frozen=True)`) are accepted.
        pass

    def __init__(self, *args, **kwargs):
        for key, value in kwargs.items():
            try:
                object.__setattr__(self, key, value)
            except (AttributeError, TypeError):
                pass

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(f"{type(self).__qualname__!r} object has no attribute {name!r}")
        value = _attribute(self, f"{type(self).__qualname__}.{name}", name)
        try:
            object.__setattr__(self, name, value)
        except (AttributeError, TypeError):
            pass
        return value

    def __call__(self, *args, **kwargs):
        forward = getattr(type(self), "forward", None)
        if forward is not None and not isinstance(forward, Modelled):
            # torch.nn.Module (and keras-like layers) call forward: the user's own code runs.
            return forward(self, *args, **kwargs)
        return _modelled_call(self, f"{type(self).__qualname__}()", sys._getframe(1), args, kwargs)

    def __repr__(self):
        return f"<modelled {type(self).__qualname__} object>"


def _class_for(path):
    cls = _classes.get(path)
    if cls is None:
        name = path.rpartition(".")[2] or path
        top = path.partition(".")[0]
        if _EXCEPTION_NAME.match(name):
            cls = type(name, (Exception,), {"__module__": top, "_deadline_path": path})
        elif _WARNING_NAME.match(name):
            cls = type(name, (Warning,), {"__module__": top, "_deadline_path": path})
        else:
            cls = _ModelledMeta(name, (ModelledBase,), {"__module__": top, "__qualname__": name, "_deadline_path": path})
        _classes[path] = cls
    return cls


def _attribute(parent, path, name):
    if _EXCEPTION_NAME.match(name) or _WARNING_NAME.match(name):
        return _class_for(path)
    return Modelled(path, parent, "." + name)


# ---- inert values ------------------------------------------------------------------------------


class Modelled:
    """An inert value of a modelled module (see the module docstring)."""

    __slots__ = ("_path", "_parent", "_step", "_children", "_assigned", "_pending", "__weakref__")
    _deadline_modelled = True

    def __init__(self, path, parent=None, step=""):
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_step", step)
        object.__setattr__(self, "_children", None)
        object.__setattr__(self, "_assigned", None)
        object.__setattr__(self, "_pending", None)

    # attributes and items

    def __getattr__(self, name):
        if _is_probe(name) or name in Modelled.__slots__:
            raise AttributeError(name)
        assigned = self._assigned
        if assigned is not None and name in assigned:
            return assigned[name]
        children = self._children
        if children is None:
            children = {}
            object.__setattr__(self, "_children", children)
        child = children.get(name)
        if child is None:
            child = children[name] = _attribute(self, f"{self._path}.{name}", name)
        return child

    def __setattr__(self, name, value):
        assigned = self._assigned
        if assigned is None:
            assigned = {}
            object.__setattr__(self, "_assigned", assigned)
        assigned[name] = value

    def __delattr__(self, name):
        if self._assigned:
            self._assigned.pop(name, None)

    def __getitem__(self, key):
        label = repr(key) if isinstance(key, (str, int)) else ""
        return Modelled(f"{self._path}[{label}]", self, f"[{label}]")

    def __setitem__(self, key, value):
        pass

    def __delitem__(self, key):
        pass

    def __contains__(self, item):
        return False

    # calls

    def __call__(self, *args, **kwargs):
        owner = self._parent
        fluent = isinstance(owner, ModelledBase) and self._step.lstrip(".") in _FLUENT
        if len(args) == 1 and not kwargs and _decorated(args[0]) and not fluent:
            return args[0]
        frame = sys._getframe(1)
        if self._step == ".keys" and not args and _instruction_at(frame.f_code, frame.f_lasti)[0] in _MAPPING_UNPACK:
            # `f(**inputs)` asks the mapping for its keys: the interpreter's question, not a call.
            return Modelled(f"{self._path}()", self, "()")
        result = _modelled_call(self, self._path, frame, args, kwargs)
        if fluent:
            # torch.nn.Module.to / eval / cuda / apply ... return the module itself:
            # `model = Net().to(device)`, `model.apply(init_weights)`.
            return owner
        return result

    def __await__(self):
        pending = self._pending
        if pending is not None:
            object.__setattr__(self, "_pending", None)
            yield from _wait_async(*pending).__await__()
        return self

    # protocols

    def __iter__(self):
        frame = sys._getframe(1)
        opname, arg, _ = _instruction_at(frame.f_code, frame.f_lasti)
        if opname == "UNPACK_SEQUENCE":
            count = arg
        elif opname == "UNPACK_EX":
            count = (arg & 0xFF) + (arg >> 8)
        else:
            count = 0
        return iter([Modelled(f"{self._path}[{i}]", self, f"[{i}]") for i in range(count)])

    def __next__(self):
        raise StopIteration

    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def __mro_entries__(self, bases):
        return (_class_for(self._path),)

    def __instancecheck__(self, obj):
        return not isinstance(obj, Modelled) and isinstance(obj, _class_for(self._path))

    def __subclasscheck__(self, cls):
        return isinstance(cls, type) and issubclass(cls, _class_for(self._path))

    def __bool__(self):
        return True

    def __len__(self):
        return 0

    def __int__(self):
        return 0

    def __index__(self):
        return 0

    def __float__(self):
        return 0.0

    def __complex__(self):
        return 0j

    def __round__(self, ndigits=None):
        return 0

    def __trunc__(self):
        return 0

    def __floor__(self):
        return 0

    def __ceil__(self):
        return 0

    def __hash__(self):
        return id(self)

    def __str__(self):
        return f"<modelled {self._path}>"

    __repr__ = __str__

    def __format__(self, spec):
        return str(self)

    def __bytes__(self):
        return b""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (Modelled, (self._path,))

    def __dir__(self):
        return []


def _inert_operation(name):
    def operation(self, *args):
        return Modelled(f"{self._path}.{name}()", self, f".{name}()")

    operation.__name__ = name
    return operation


for _name in (
    "add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift", "rshift",
    "and", "xor", "or",
):
    for _form in (f"__{_name}__", f"__r{_name}__", f"__i{_name}__"):
        setattr(Modelled, _form, _inert_operation(_form))
for _form in ("__neg__", "__pos__", "__abs__", "__invert__", "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"):
    setattr(Modelled, _form, _inert_operation(_form))
del _name, _form


_MAPPING_UNPACK = frozenset({"CALL_FUNCTION_EX", "DICT_MERGE", "DICT_UPDATE"})

# Methods of torch.nn.Module that end in `return self` (torch/nn/modules/module.py, PyTorch 2.x).
_FLUENT = frozenset({
    "to", "cuda", "cpu", "xpu", "ipu", "mps", "eval", "train", "half", "float", "double", "bfloat16",
    "type", "requires_grad_", "share_memory", "apply", "to_empty",
})


def _decorated(value):
    """What a decorator call receives: a function, method or class of the user's (or a modelled
    subclass instance), never an inert value, which is an ordinary argument."""
    if isinstance(value, Modelled) or isinstance(value, ModelledModule):
        return False
    return callable(value)


def is_modelled_value(value):
    return getattr(type(value), "_deadline_modelled", False)


# ---- modelled calls -----------------------------------------------------------------------------


def _names(callee, path, frame):
    """Every name the call is known by: its path, and the calling frame's variables that hold the
    callee or an object it was reached from."""
    names = [_call_name(path, "")]
    chain = []
    node, suffix = callee, ""
    for _ in range(32):
        chain.append((node, suffix))
        if not isinstance(node, Modelled) or node._parent is None:
            break
        suffix = node._step + suffix
        node = node._parent
    holders = {}
    frames = [frame]
    # Called from library code (a thread pool's worker, functools, a stub): the user's innermost
    # frame holds the variables the user would name the call by.
    user = _user_frame(frame)
    if user is not None and user is not frame:
        frames.append(user)
    for each in frames:
        for scope, prefix in _scopes(each):
            for key, value in scope:
                if isinstance(key, str) and not key.startswith("__"):
                    holders.setdefault(id(value), []).append(prefix + key)
    for key in holders:
        holders[key] = list(dict.fromkeys(holders[key]))
    for node, suffix in chain:
        for variable in holders.get(id(node), ()):
            names.append(_call_name(variable, suffix) if suffix else f"{variable}.__call__")
    return list(dict.fromkeys(names))


def _user_frame(frame):
    run = state.current
    filename = run.filename if run is not None else None
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame
        frame = frame.f_back
    return None


def _scopes(frame):
    try:
        local = dict(frame.f_locals)
    except Exception:
        local = {}
    yield local.items(), ""
    scopes = [local]
    if frame.f_globals is not local:
        yield frame.f_globals.items(), ""
        scopes.append(frame.f_globals)
    # One level into the objects those variables hold: `self.model`, and as well `MODELS.base`
    # where MODELS is a global instance whose `base` is a modelled pipeline (worker-sdxl's
    # ModelHandler). Only instances of ordinary classes: a module's, class's or function's
    # namespace is not what a person means by `name.attribute` here.
    for scope in scopes:
        for key, owner in list(scope.items()):
            if not isinstance(key, str) or key.startswith("__"):
                continue
            if isinstance(owner, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType, Modelled)):
                continue
            try:
                attributes = object.__getattribute__(owner, "__dict__")
            except (AttributeError, TypeError):
                continue
            if isinstance(attributes, dict) and attributes:
                yield list(attributes.items()), f"{key}."


def _display(names):
    # The readable name: a variable form when there is one (pipe(), self.model.transcribe), else
    # the path; a name ending in .__call__ is written as a call.
    best = names[1] if len(names) > 1 else names[0]
    return f"{best[:-len('.__call__')]}()" if best.endswith(".__call__") else f"{best}()"


def _modelled_call(callee, path, frame, args, kwargs):
    run = state.current
    result = Modelled(f"{path}()", callee, "()")
    if run is None:
        return result
    names = _names(callee, path, frame)
    match = run.cost_of(names)
    seconds = float(match["seconds"]) if match else 0.0
    pattern = match["pattern"] if match else None
    line = run.user_line(frame)
    label = f"modelled: {_display(names)}"
    _, _, following = _instruction_at(frame.f_code, frame.f_lasti)
    if following == "GET_AWAITABLE" and asyncio.events._get_running_loop() is not None:
        # `await client.generate(...)`: the wait happens on the event loop, as a real async
        # client's would, so other tasks run meanwhile.
        object.__setattr__(result, "_pending", (seconds, pattern, label, line))
        return result
    span = run.open_span("modelled", run.event_boundary(line), line, label, cost=pattern)
    try:
        run.wait(seconds, line)
    finally:
        span["end"] = run.now()
        run.after_event()
    return result


async def _wait_async(seconds, pattern, label, line):
    from .loop import _original_sleep

    run = state.current
    span = run.open_span("modelled", run.event_boundary(line), line, label, cost=pattern)
    try:
        await _original_sleep(seconds)
    finally:
        if span["end"] is None and run.stop is None:
            span["end"] = run.now()


# ---- the modules themselves ---------------------------------------------------------------------


class ModelledModule(types.ModuleType):
    _deadline_modelled = True

    def __getattr__(self, name):
        if _is_probe(name):
            raise AttributeError(f"modelled module {self.__name__!r} has no attribute {name!r}")
        value = _attribute(self, f"{self.__name__}.{name}", name)
        self.__dict__[name] = value
        return value

    def __call__(self, *args, **kwargs):
        # `--model pkg.helper` for a function a stub lacks makes `from pkg import helper` a module.
        if len(args) == 1 and not kwargs and _decorated(args[0]):
            return args[0]
        return _modelled_call(self, self.__name__, sys._getframe(1), args, kwargs)

    def __repr__(self):
        return f"<modelled module {self.__name__!r}>"


class ModelLoader:
    """Creates a modelled module; `star_names` are what `from x import *` brings in (the names the
    user's file uses without defining them)."""

    star_names = ()

    @classmethod
    def create_module(cls, spec):
        return ModelledModule(spec.name)

    @classmethod
    def exec_module(cls, module):
        module.__all__ = list(cls.star_names)


def spec_for(fullname):
    from importlib.machinery import ModuleSpec

    spec = ModuleSpec(fullname, ModelLoader, is_package=True)
    spec.submodule_search_locations = []
    return spec


def json_default(encoder, value):
    """JSONEncoder.default during a run: inert values are their placeholder text."""
    if is_modelled_value(value):
        return str(value)
    return _original_default(encoder, value)


import json as _json  # noqa: E402  (after the definitions it patches in)

_original_default = _json.JSONEncoder.default
_original_encoder_init = _json.JSONEncoder.__init__


def _encoder_init(self, *, default=None, **kwargs):
    """A `default=` of the caller's own (Flask's JSON provider, json.dumps(default=str)) replaces
    JSONEncoder.default: inert values still come out as their placeholder text, first."""
    if default is not None:
        theirs = default

        def default(value):
            if is_modelled_value(value):
                return str(value)
            return theirs(value)

    _original_encoder_init(self, default=default, **kwargs)


def install(patches):
    patches.set(_json.JSONEncoder, "default", json_default)
    patches.set(_json.JSONEncoder, "__init__", _encoder_init)
    patches.on_restore(forget)
