from .params import Body, Cookie, Depends, File, Form, Header, Path, Query, Security  # noqa: F401
