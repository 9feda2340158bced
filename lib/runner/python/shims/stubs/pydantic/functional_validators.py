"""field_validator / validator / model_validator / root_validator: marks the model reads when it
is built (mode "before" gets the raw input, "after" the validated value)."""


def field_validator(*fields, mode="after", check_fields=None, json_schema_input_type=None):
    def decorator(f):
        fn = f.__func__ if isinstance(f, (classmethod, staticmethod)) else f
        fn._deadline_field_validator = (fields, mode)
        return classmethod(fn) if not isinstance(f, staticmethod) else f

    return decorator


def validator(*fields, pre=False, always=False, allow_reuse=False, each_item=False, check_fields=None):
    return field_validator(*fields, mode="before" if pre else "after")


def model_validator(*, mode):
    def decorator(f):
        fn = f.__func__ if isinstance(f, (classmethod, staticmethod)) else f
        fn._deadline_model_validator = mode
        return classmethod(fn) if mode != "after" else fn

    return decorator


def root_validator(*args, pre=False, **kwargs):
    def decorator(f):
        return model_validator(mode="before" if pre else "after")(f)

    return decorator(args[0]) if args and callable(args[0]) else decorator


def _validators_of(cls):
    fields, models = [], []
    for klass in reversed(cls.__mro__):
        for value in vars(klass).values():
            fn = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
            spec = getattr(fn, "_deadline_field_validator", None)
            if spec is not None:
                fields.append((spec[0], spec[1], fn))
            mode = getattr(fn, "_deadline_model_validator", None)
            if mode is not None:
                models.append((mode, fn))
    return fields, models
