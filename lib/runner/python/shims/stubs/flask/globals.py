"""Flask's context-bound globals (request, g, current_app, session) as proxies onto the request
being served."""


class _Context:
    def __init__(self, app, request):
        self.app = app
        self.request = request
        self.g = _AppGlobals()
        self.session = _Session()
        self.after = []


class _AppGlobals:
    def get(self, name, default=None):
        return self.__dict__.get(name, default)

    def pop(self, name, default=None):
        return self.__dict__.pop(name, default)

    def setdefault(self, name, default=None):
        return self.__dict__.setdefault(name, default)

    def __contains__(self, item):
        return item in self.__dict__

    def __iter__(self):
        return iter(self.__dict__)

    def __repr__(self):
        return "<flask.g of 'app'>"


class _Session(dict):
    new = True
    modified = False
    permanent = False


_stack = []
_app_stack = []


def push(ctx):
    _stack.append(ctx)


def pop():
    _stack.pop()


def top():
    return _stack[-1] if _stack else None


class _Proxy:
    def __init__(self, getter, what):
        object.__setattr__(self, "_getter", getter)
        object.__setattr__(self, "_what", what)

    def _target(self):
        target = self._getter()
        if target is None:
            raise RuntimeError(self._what)
        return target

    def __getattr__(self, name):
        return getattr(self._target(), name)

    def __setattr__(self, name, value):
        setattr(self._target(), name, value)

    def __delattr__(self, name):
        delattr(self._target(), name)

    def __getitem__(self, key):
        return self._target()[key]

    def __setitem__(self, key, value):
        self._target()[key] = value

    def __contains__(self, item):
        return item in self._target()

    def __iter__(self):
        return iter(self._target())

    def __bool__(self):
        return self._getter() is not None

    def __repr__(self):
        target = self._getter()
        return repr(target) if target is not None else f"<LocalProxy unbound>"

    def _get_current_object(self):
        return self._target()


# Flask's own texts for a proxy used outside its context (flask/globals.py).
_no_request = (
    "Working outside of request context.\n\nThis typically means that you attempted to use functionality that "
    "needed an active HTTP request. Consult the documentation on testing for information about how to avoid "
    "this problem."
)
_no_app = (
    "Working outside of application context.\n\nThis typically means that you attempted to use functionality "
    "that needed the current application. To solve this, set up an application context with app.app_context(). "
    "See the documentation for more information."
)


def _current_app():
    ctx = top()
    if ctx is not None:
        return ctx.app
    return _app_stack[-1] if _app_stack else None


request = _Proxy(lambda: top() and top().request, _no_request)
session = _Proxy(lambda: top() and top().session, _no_request)
g = _Proxy(lambda: (top() and top().g) or (_app_stack[-1]._deadline_g if _app_stack else None), _no_app)
current_app = _Proxy(_current_app, _no_app)
request_ctx = _Proxy(top, _no_request)
