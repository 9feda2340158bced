"""utilities.typing.LambdaContext: the type of the context the Lambda runtime passes."""

from _deadline.entry import LambdaContext  # noqa: F401

__all__ = ["LambdaContext"]
