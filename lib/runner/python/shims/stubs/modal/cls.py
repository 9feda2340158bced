"""@app.cls: a class whose @modal.method functions run in its container, where the @modal.enter
methods ran once at startup."""

from _deadline import entry as _entry

from . import partial_function as _pf
from .exception import InvalidError
from .functions import Function, _Deployed


class Cls:
    """What @app.cls gives: calling it makes an object whose methods run in the class's container."""

    def __init__(self, app, user_cls, options):
        self.app = app
        self.user_cls = user_cls
        self.options = options
        self._object = None
        self._entered = False
        self.methods = {}
        for name, value in list(vars(user_cls).items()):
            if isinstance(value, _pf._PartialFunction):
                if _pf.METHOD in value.flags or _pf.WEB in value.flags:
                    web = value.params.get("web") if _pf.WEB in value.flags else None
                    self.methods[name] = Function(app, value.raw_f, options, f"{user_cls.__name__}.{name}", web, self, name, value.params)
        self.__name__ = user_cls.__name__
        self.__qualname__ = user_cls.__qualname__

    def _hooks(self, flag):
        for klass in reversed(self.user_cls.__mro__):
            for value in vars(klass).values():
                if isinstance(value, _pf._PartialFunction) and flag in value.flags:
                    yield value.raw_f

    def _instance(self, **params):
        if self._object is None:
            obj = self.user_cls.__new__(self.user_cls)
            for key, value in params.items():
                setattr(obj, key, value)
            init = self.user_cls.__dict__.get("__init__")
            if init is not None:
                init(obj)
            self._object = obj
        if not self._entered:
            self._entered = True
            for hook in self._hooks(_pf.ENTER):
                _entry.drive(hook(self._object))
        return self._object

    def __call__(self, *args, **params):
        if args:
            raise InvalidError("Modal classes take keyword arguments for their modal.parameter() fields only")
        return _Bound(self, params)

    def with_options(self, **kwargs):
        return self

    @staticmethod
    def from_name(app_name, name, **kwargs):
        return _Deployed(f"{app_name}/{name}")


class _Bound:
    def __init__(self, cls, params):
        self._cls = cls
        self._params = params

    def __getattr__(self, name):
        fn = self._cls.methods.get(name)
        if fn is None:
            raise AttributeError(f"{self._cls.user_cls.__name__} has no Modal method {name!r}")
        # The container starts when an input needs it (.remote() under startup_timeout, .local()).
        return fn._bind(self._params)
