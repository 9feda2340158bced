"""Column types. The simulator sends no DDL and reads values as the response rule gives them, so a
type only records its arguments (String(20) keeps its length) for code that inspects it."""


class TypeEngine:
    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs
        self.length = args[0] if args and isinstance(args[0], int) else kwargs.get("length")

    def __repr__(self):
        inner = ", ".join(repr(a) for a in self.args)
        return f"{type(self).__name__}({inner})"

    def with_variant(self, *args, **kwargs):
        return self


def _type(name):
    return type(name, (TypeEngine,), {"__module__": __name__})


Integer = _type("Integer")
SmallInteger = _type("SmallInteger")
BigInteger = _type("BigInteger")
String = _type("String")
Text = _type("Text")
Unicode = _type("Unicode")
UnicodeText = _type("UnicodeText")
Boolean = _type("Boolean")
Float = _type("Float")
Numeric = _type("Numeric")
DECIMAL = _type("DECIMAL")
Date = _type("Date")
DateTime = _type("DateTime")
Time = _type("Time")
Interval = _type("Interval")
JSON = _type("JSON")
LargeBinary = _type("LargeBinary")
Enum = _type("Enum")
Uuid = _type("Uuid")
UUID = _type("UUID")
ARRAY = _type("ARRAY")
INTEGER, VARCHAR, TEXT, BOOLEAN, TIMESTAMP = Integer, String, Text, Boolean, _type("TIMESTAMP")
