"""DynamoDB's typed attribute values, as boto3's TypeSerializer / TypeDeserializer convert them
(numbers come back as Decimal)."""

from decimal import Decimal


class Binary(bytes):
    pass


class TypeSerializer:
    def serialize(self, value):
        if value is None:
            return {"NULL": True}
        if isinstance(value, bool):
            return {"BOOL": value}
        if isinstance(value, (int, float, Decimal)):
            if isinstance(value, float):
                raise TypeError("Float types are not supported. Use Decimal types instead.")
            return {"N": str(value)}
        if isinstance(value, str):
            return {"S": value}
        if isinstance(value, (bytes, bytearray)):
            return {"B": bytes(value)}
        if isinstance(value, dict):
            return {"M": {k: self.serialize(v) for k, v in value.items()}}
        if isinstance(value, (list, tuple)):
            return {"L": [self.serialize(v) for v in value]}
        if isinstance(value, set):
            items = list(value)
            if all(isinstance(v, str) for v in items):
                return {"SS": items}
            return {"NS": [str(v) for v in items]}
        raise TypeError(f"Unsupported type \"{type(value)}\" for value \"{value}\"")


class TypeDeserializer:
    def deserialize(self, value):
        (kind, data), = value.items()
        if kind == "NULL":
            return None
        if kind == "BOOL":
            return bool(data)
        if kind == "N":
            return Decimal(data)
        if kind in ("S", "B"):
            return data
        if kind == "M":
            return {k: self.deserialize(v) for k, v in data.items()}
        if kind == "L":
            return [self.deserialize(v) for v in data]
        if kind == "SS":
            return set(data)
        if kind == "NS":
            return {Decimal(v) for v in data}
        raise TypeError(f"Dynamodb type {kind} is not supported")
