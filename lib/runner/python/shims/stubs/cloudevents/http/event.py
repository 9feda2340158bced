import datetime
import uuid


class CloudEvent:
    """A CloudEvent: required attributes id, source, type, specversion (id, specversion and time
    get defaults as the SDK gives them), and its data."""

    def __init__(self, attributes, data=None):
        attributes = dict(attributes)
        attributes.setdefault("specversion", "1.0")
        attributes.setdefault("id", str(uuid.uuid4()))
        attributes.setdefault("time", datetime.datetime.now(datetime.timezone.utc).isoformat())
        for required in ("source", "type"):
            if required not in attributes:
                from . import MissingRequiredFields

                raise MissingRequiredFields(f"Missing required keys: {{'{required}'}}")
        self._attributes = attributes
        self.data = data

    @classmethod
    def create(cls, attributes, data=None):
        return cls(attributes, data)

    def get_attributes(self):
        return dict(self._attributes)

    def get_data(self):
        return self.data

    def __getitem__(self, key):
        return self._attributes[key]

    def get(self, key, default=None):
        return self._attributes.get(key, default)

    def __setitem__(self, key, value):
        self._attributes[key] = value

    def __contains__(self, key):
        return key in self._attributes

    def __iter__(self):
        return iter(self._attributes)

    def __len__(self):
        return len(self._attributes)

    def __repr__(self):
        return f"CloudEvent({self._attributes!r}, {self.data!r})"
