"""boto3.dynamodb.conditions Key and Attr: accepted so queries read as written; the condition
is not evaluated (answers come from response rules)."""


class _Condition:
    def __init__(self, text):
        self.text = text

    def __and__(self, other):
        return _Condition(f"({self.text} AND {other.text})")

    def __or__(self, other):
        return _Condition(f"({self.text} OR {other.text})")

    def __invert__(self):
        return _Condition(f"(NOT {self.text})")


class _Name:
    def __init__(self, name):
        self.name = name

    def _op(self, op, *values):
        return _Condition(f"{self.name} {op} {values!r}")

    def eq(self, value):
        return self._op("=", value)

    def lt(self, value):
        return self._op("<", value)

    def lte(self, value):
        return self._op("<=", value)

    def gt(self, value):
        return self._op(">", value)

    def gte(self, value):
        return self._op(">=", value)

    def begins_with(self, value):
        return self._op("begins_with", value)

    def between(self, low, high):
        return self._op("BETWEEN", low, high)

    def ne(self, value):
        return self._op("<>", value)

    def exists(self):
        return self._op("attribute_exists")

    def not_exists(self):
        return self._op("attribute_not_exists")

    def contains(self, value):
        return self._op("contains", value)


class Key(_Name):
    pass


class Attr(_Name):
    pass
