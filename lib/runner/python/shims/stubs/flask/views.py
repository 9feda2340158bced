"""flask.views: View and MethodView (dispatch to the method named like the request's)."""

from .globals import request


class View:
    methods = None
    decorators = ()
    init_every_request = True

    def dispatch_request(self, **kwargs):
        raise NotImplementedError()

    @classmethod
    def as_view(cls, name, *class_args, **class_kwargs):
        def view(**kwargs):
            return cls(*class_args, **class_kwargs).dispatch_request(**kwargs)

        for decorator in cls.decorators:
            view = decorator(view)
        view.__name__ = name
        view.view_class = cls
        view.methods = cls.methods
        return view


class MethodView(View):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "methods" not in cls.__dict__:
            cls.methods = {m.upper() for m in ("get", "post", "put", "delete", "patch", "head", "options") if hasattr(cls, m)} or None

    def dispatch_request(self, **kwargs):
        method = getattr(self, request.method.lower(), None)
        if method is None and request.method == "HEAD":
            method = getattr(self, "get", None)
        if method is None:
            raise AssertionError(f"Unimplemented method {request.method!r}")
        return method(**kwargs)
