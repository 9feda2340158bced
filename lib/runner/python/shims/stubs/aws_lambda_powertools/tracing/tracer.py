"""Tracer: X-Ray segments need the X-Ray daemon, which the simulator does not model, so the
decorators call the function unchanged (as Tracer does when tracing is disabled); annotations and
metadata are kept on the object."""

import contextlib
import functools
import inspect


class Tracer:
    def __init__(self, service=None, disabled=None, auto_patch=None, patch_modules=None, provider=None):
        self.service = service
        self.annotations = {}
        self.metadata = {}

    def put_annotation(self, key, value):
        self.annotations[key] = value

    def put_metadata(self, key, value, namespace=None):
        self.metadata[key] = value

    def patch(self, modules=None):
        pass

    def capture_lambda_handler(self, lambda_handler=None, capture_response=None, capture_error=None):
        if lambda_handler is None:
            return functools.partial(self.capture_lambda_handler, capture_response=capture_response, capture_error=capture_error)

        @functools.wraps(lambda_handler)
        def decorate(event, context, *args, **kwargs):
            return lambda_handler(event, context, *args, **kwargs)

        return decorate

    def capture_method(self, method=None, capture_response=None, capture_error=None):
        if method is None:
            return functools.partial(self.capture_method, capture_response=capture_response, capture_error=capture_error)
        if inspect.iscoroutinefunction(method):
            @functools.wraps(method)
            async def decorate_async(*args, **kwargs):
                return await method(*args, **kwargs)

            return decorate_async
        if inspect.isgeneratorfunction(method):
            @functools.wraps(method)
            def decorate_gen(*args, **kwargs):
                yield from method(*args, **kwargs)

            return decorate_gen

        @functools.wraps(method)
        def decorate(*args, **kwargs):
            return method(*args, **kwargs)

        return decorate

    @contextlib.contextmanager
    def provider_subsegment(self, name):
        yield self

    def add_annotation(self, key, value):
        self.put_annotation(key, value)

    def add_metadata(self, key, value, namespace=None):
        self.put_metadata(key, value, namespace)

    provider = property(lambda self: self)

    @contextlib.contextmanager
    def in_subsegment(self, name=None, **kwargs):
        yield self

    def ignore_endpoint(self, hostname=None, urls=None):
        pass
