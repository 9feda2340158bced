"""Simulator stub of pymongo 4.16.0 (import pymongo): MongoClient, databases and collections
(find, find_one, insert_one/many, update_one/many, delete_one/many, count_documents, aggregate)
and pymongo.errors.

A connection is a network call to host:27017 and each operation a round trip
(_deadline/databases.py: an array is the documents a find returns, an object the operation's
result, {"error": {"message": ..., "code": 50}} a server error). Server selection is what waits:
the first operation needs a server, and with none reachable it raises ServerSelectionTimeoutError
after serverSelectionTimeoutMS (30 s; common.py SERVER_SELECTION_TIMEOUT), each connection attempt
bounded by connectTimeoutMS (20 s; CONNECT_TIMEOUT) and retried by the monitor every 0.5 s
(MIN_HEARTBEAT_INTERVAL); the message is the last attempt's error as pymongo formats it.
socketTimeoutMS is None (no limit on a reply) unless given.
"""

import json
from urllib.parse import parse_qsl, urlsplit

from _deadline import databases, network, state

from . import errors  # noqa: F401

__version__ = "4.16.0"
version = __version__
ASCENDING = 1
DESCENDING = -1

# pymongo/common.py
SERVER_SELECTION_TIMEOUT = 30
CONNECT_TIMEOUT = 20.0
MIN_HEARTBEAT_INTERVAL = 0.5


class InsertOneResult:
    def __init__(self, inserted_id):
        self.inserted_id = inserted_id
        self.acknowledged = True


class InsertManyResult:
    def __init__(self, ids):
        self.inserted_ids = ids
        self.acknowledged = True


class UpdateResult:
    def __init__(self, raw):
        self.raw_result = raw
        self.matched_count = int(raw.get("n", raw.get("matchedCount", 0)))
        self.modified_count = int(raw.get("nModified", raw.get("modifiedCount", 0)))
        self.upserted_id = raw.get("upserted")
        self.acknowledged = True


class DeleteResult:
    def __init__(self, raw):
        self.raw_result = raw
        self.deleted_count = int(raw.get("n", raw.get("deletedCount", 0)))
        self.acknowledged = True


def _object_id():
    import uuid

    return uuid.uuid4().hex[:24]


class Cursor:
    def __init__(self, run):
        self._run = run
        self._docs = None

    def _load(self):
        if self._docs is None:
            self._docs = list(self._run())
        return self._docs

    def sort(self, *a, **k):
        return self

    def limit(self, n):
        return self

    def skip(self, n):
        return self

    def max_time_ms(self, ms):
        return self

    def to_list(self, length=None):
        docs = self._load()
        return docs if length is None else docs[:length]

    def __iter__(self):
        return iter(self._load())

    def next(self):
        docs = self._load()
        if not docs:
            raise StopIteration
        return docs.pop(0)

    __next__ = next


def _docs(reply):
    if isinstance(reply, list):
        return [d for d in reply if isinstance(d, dict)]
    if isinstance(reply, dict):
        return reply.get("documents") if isinstance(reply.get("documents"), list) else [reply]
    return []


class Collection:
    def __init__(self, database, name):
        self.database = database
        self.name = name

    def _op(self, what):
        return self.database.client._op(self.database.name, f"{self.name}.{what}")

    def find(self, filter=None, *args, **kwargs):  # noqa: A002
        return Cursor(lambda: _docs(self._op(f"find {json.dumps(filter or {}, default=str)[:60]}")))

    def aggregate(self, pipeline, **kwargs):
        return Cursor(lambda: _docs(self._op(f"aggregate ({len(pipeline)} stages)")))

    def find_one(self, filter=None, *args, **kwargs):  # noqa: A002
        docs = _docs(self._op(f"find_one {json.dumps(filter or {}, default=str)[:60]}"))
        return docs[0] if docs else None

    def insert_one(self, document, **kwargs):
        reply = self._op("insert_one")
        document.setdefault("_id", _object_id())
        return InsertOneResult(reply.get("insertedId", document["_id"]) if isinstance(reply, dict) else document["_id"])

    def insert_many(self, documents, **kwargs):
        self._op(f"insert_many ({len(documents)})")
        for d in documents:
            d.setdefault("_id", _object_id())
        return InsertManyResult([d["_id"] for d in documents])

    def _write(self, what):
        reply = self._op(what)
        return reply if isinstance(reply, dict) else {}

    def update_one(self, filter, update, **kwargs):  # noqa: A002
        return UpdateResult(self._write("update_one"))

    def update_many(self, filter, update, **kwargs):  # noqa: A002
        return UpdateResult(self._write("update_many"))

    def replace_one(self, filter, replacement, **kwargs):  # noqa: A002
        return UpdateResult(self._write("replace_one"))

    def delete_one(self, filter, **kwargs):  # noqa: A002
        return DeleteResult(self._write("delete_one"))

    def delete_many(self, filter, **kwargs):  # noqa: A002
        return DeleteResult(self._write("delete_many"))

    def count_documents(self, filter, **kwargs):  # noqa: A002
        reply = self._op("count_documents")
        if isinstance(reply, int):
            return reply
        if isinstance(reply, dict):
            return int(reply.get("n", 0))
        return len(reply) if isinstance(reply, list) else 0

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Collection(self.database, f"{self.name}.{name}")


class Database:
    def __init__(self, client, name):
        self.client = client
        self.name = name

    def __getitem__(self, name):
        return Collection(self, name)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Collection(self, name)

    def get_collection(self, name, **kwargs):
        return Collection(self, name)

    def command(self, command, **kwargs):
        name = command if isinstance(command, str) else next(iter(command), "")
        reply = self.client._op(self.name, f"command {name}")
        return reply if isinstance(reply, dict) else {"ok": 1.0}


class MongoClient:
    HOST = "localhost"
    PORT = 27017

    def __init__(self, host=None, port=None, document_class=dict, tz_aware=None, connect=None, **kwargs):
        url = host if isinstance(host, str) else None
        options = {k.lower(): v for k, v in kwargs.items()}
        self._host, self._port, self._default_db = self.HOST, port or self.PORT, None
        if url and "://" in url:
            parts = urlsplit(url.replace("mongodb+srv://", "mongodb://"))
            self._host = (parts.hostname or self.HOST).split(",")[0]
            self._port = parts.port or self._port
            self._default_db = parts.path.strip("/") or None
            for key, value in parse_qsl(parts.query):
                options.setdefault(key.lower(), value)
        elif url:
            self._host = url
        ms = lambda key, default: default if options.get(key) is None else float(options[key]) / 1000  # noqa: E731
        self._selection_timeout = ms("serverselectiontimeoutms", float(SERVER_SELECTION_TIMEOUT))
        self._connect_timeout = ms("connecttimeoutms", CONNECT_TIMEOUT)
        self._socket_timeout = ms("sockettimeoutms", None)
        self._connected = False
        self._closed = False
        self._url = lambda db="": databases.db_url("mongodb", self._host, self._port, db)

    @property
    def address(self):
        return (self._host, self._port) if self._connected else None

    def __getitem__(self, name):
        return Database(self, name)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Database(self, name)

    def get_database(self, name=None, **kwargs):
        name = name or self._default_db
        if name is None:
            raise errors.ConfigurationError("No default database name defined or provided.")
        return Database(self, name)

    def get_default_database(self, default=None, **kwargs):
        return self.get_database(self._default_db or default)

    def close(self):
        self._connected = False
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _details(self):
        ms = self._connect_timeout * 1000
        return f" (configured timeouts: socketTimeoutMS: {ms}ms, connectTimeoutMS: {ms}ms)"

    def _select(self, line):
        """Topology.select_server: try the server until it answers or the selection timeout passes."""
        if self._closed:
            raise errors.InvalidOperation("Cannot use MongoClient after close")
        if self._connected:
            return
        run = state.current
        end = run.now() + self._selection_timeout
        error = None
        while True:
            left = end - run.now()
            if left <= 0:
                break
            attempt = min(self._connect_timeout, left) if self._connect_timeout else left
            outcome = databases.connect_sync(self._url(), line, attempt, "pymongo server selection")
            if outcome == network.OK:
                self._connected = True
                return
            if outcome == network.REFUSED:
                error = f"{self._host}:{self._port}: [Errno 111] Connection refused{self._details()}"
            elif attempt >= self._connect_timeout:
                error = f"{self._host}:{self._port}: timed out{self._details()}"
            wait = min(MIN_HEARTBEAT_INTERVAL, end - run.now())
            if wait > 0:
                network.sleep(wait, line, "pymongo monitor: next server check")
        message = error if error is not None else "No servers found yet"
        server = f"<ServerDescription ('{self._host}', {self._port}) server_type: Unknown, rtt: None" + (f", error={('NetworkTimeout' if 'timed out' in message else 'AutoReconnect')}({message!r})>" if error else ">")
        raise errors.ServerSelectionTimeoutError(
            f"{message}, Timeout: {self._selection_timeout}s, Topology Description: <TopologyDescription id: {_object_id()}, topology_type: Unknown, servers: [{server}]>"
        )

    def _op(self, db, what):
        line = network.caller_line()
        self._select(line)
        outcome, target = databases.query_sync(self._url(db), line, self._socket_timeout, f"pymongo {what}", verb="COMMAND")
        if outcome != network.OK:
            self._connected = False
            raise errors.NetworkTimeout(f"{self._host}:{self._port}: timed out (configured timeouts: socketTimeoutMS: {self._socket_timeout * 1000}ms, connectTimeoutMS: {self._connect_timeout * 1000}ms)")
        if target.source == "default":
            return None
        value = target.json()
        if isinstance(value, dict) and "error" in value:
            message, fields = databases.error_fields(value["error"])
            code = fields.get("code")
            cls = errors.ExecutionTimeout if code == 50 else errors.DuplicateKeyError if code == 11000 else errors.OperationFailure
            raise cls(message, code, {"ok": 0.0, "errmsg": message, **fields})
        return value

    def server_info(self):
        return self.admin.command("buildinfo")


MongoClient.__module__ = "pymongo.synchronous.mongo_client"
