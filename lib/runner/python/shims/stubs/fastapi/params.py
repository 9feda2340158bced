"""fastapi.params and the functions that make them: where a parameter's value comes from."""


class Param:
    in_ = None

    def __init__(self, default=..., *, default_factory=None, alias=None, title=None, description=None, gt=None,
                 ge=None, lt=None, le=None, min_length=None, max_length=None, pattern=None, regex=None,
                 example=None, examples=None, deprecated=None, include_in_schema=True, embed=None,
                 media_type=None, convert_underscores=True, **extra):
        self.default = default
        self.default_factory = default_factory
        self.alias = alias
        self.description = description
        self.gt, self.ge, self.lt, self.le = gt, ge, lt, le
        self.min_length, self.max_length = min_length, max_length
        self.pattern = pattern or regex
        self.embed = embed
        self.media_type = media_type
        self.convert_underscores = convert_underscores

    def is_required(self):
        return self.default is ... and self.default_factory is None

    def get_default(self):
        return self.default_factory() if self.default_factory is not None else self.default

    def __repr__(self):
        return f"{type(self).__name__}({self.default!r})"


class Path(Param):
    in_ = "path"


class Query(Param):
    in_ = "query"


class Header(Param):
    in_ = "header"


class Cookie(Param):
    in_ = "cookie"


class Body(Param):
    in_ = "body"


class Form(Body):
    in_ = "form"


class File(Form):
    in_ = "file"


class Depends:
    def __init__(self, dependency=None, *, use_cache=True, scope=None):
        self.dependency = dependency
        self.use_cache = use_cache
        self.scope = scope

    def __repr__(self):
        return f"Depends({getattr(self.dependency, '__name__', self.dependency)!r})"


class Security(Depends):
    def __init__(self, dependency=None, *, scopes=None, use_cache=True):
        super().__init__(dependency, use_cache=use_cache)
        self.scopes = scopes or []
