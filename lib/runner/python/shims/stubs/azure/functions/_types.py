"""The other trigger and binding types a function is called with: TimerRequest, QueueMessage,
Out, Context, and the generic message types of the other triggers."""

import datetime
import json
import uuid


class TimerRequest:
    def __init__(self, *, past_due=False, schedule_status=None, schedule=None):
        self.__past_due = past_due
        self.schedule_status = schedule_status or {}
        self.schedule = schedule or {}

    past_due = property(lambda self: self.__past_due)


class QueueMessage:
    def __init__(self, *, id=None, body=None, pop_receipt=None, dequeue_count=1, insertion_time=None,
                 expiration_time=None, next_visible_time=None):
        self.id = id or str(uuid.uuid4())
        self.__body = body.encode() if isinstance(body, str) else (body or b"")
        self.pop_receipt = pop_receipt
        self.dequeue_count = dequeue_count
        self.insertion_time = insertion_time or datetime.datetime.now(datetime.timezone.utc)
        self.expiration_time = expiration_time
        self.next_visible_time = next_visible_time

    def get_body(self):
        return self.__body

    def get_json(self):
        return json.loads(self.__body.decode("utf-8"))


class _Message:
    """A trigger's message (Service Bus, Event Hub, Event Grid, blob...): its body and JSON."""

    def __init__(self, body=None, **attributes):
        self._body = body.encode() if isinstance(body, str) else (body if isinstance(body, bytes) else json.dumps(body).encode())
        for key, value in attributes.items():
            setattr(self, key, value)

    def get_body(self):
        return self._body

    def get_json(self):
        return json.loads(self._body.decode("utf-8"))

    def read(self, size=-1):
        return self._body if size < 0 else self._body[:size]


class ServiceBusMessage(_Message):
    pass


class EventHubEvent(_Message):
    pass


class EventGridEvent(_Message):
    pass


class InputStream(_Message):
    pass


class Document(dict):
    pass


class DocumentList(list):
    pass


class Out:
    """An output binding: what the function set() on it is the binding's output."""

    def __init__(self):
        self._value = None

    def set(self, val):
        self._value = val

    def get(self):
        return self._value

    def __class_getitem__(cls, item):
        return cls


class Context:
    def __init__(self, invocation_id, function_name, function_directory="/home/site/wwwroot"):
        self.invocation_id = invocation_id
        self.function_name = function_name
        self.function_directory = function_directory
        self.trace_context = None
        self.retry_context = None
        self.thread_local_storage = None
