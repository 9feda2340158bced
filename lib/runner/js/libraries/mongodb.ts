// The MongoDB Node driver (mongodb 7.5.0, mongodb/node-mongodb-native at bb35ded) on the
// simulated network: MongoClient (connect, db, close), Db.collection, and the usual collection
// calls (find().toArray(), findOne, insertOne/Many, updateOne/Many, deleteOne/Many,
// countDocuments, aggregate().toArray()). A connection is a network call to host:27017 and each
// operation a round trip (database.ts: an array is the documents a find returns, an object the
// operation's result, {"error": {...}} a server error).
//
// Server selection is what times out: with the server unreachable (a dropped or refused
// connection), an operation, or connect(), fails after serverSelectionTimeoutMS (30000 ms) with
// MongoServerSelectionError "Server selection timed out after 30000 ms"; connectTimeoutMS
// (30000) bounds each connection attempt, socketTimeoutMS (0: none) each reply. An open client's
// sockets keep Node's event loop alive until close().

import { captureSite, markErrorSite, type RunContext } from "../run-context";
import { dbConnect, dbRoundTrip, dbUrl, econnrefused, serverError, SocketHandle } from "./database";
import { isRecord, parseJson } from "./transport";

type Deps = { ctx: RunContext; process: unknown };
type Doc = Record<string, unknown>;

/** src/connection_string.ts OPTIONS: serverSelectionTimeoutMS 30000, connectTimeoutMS 30000, socketTimeoutMS 0 */
const SERVER_SELECTION_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 30_000;
const PORT = 27017;

export function mongodbModule(deps: Deps) {
  const { ctx } = deps;

  class MongoError extends Error {
    constructor(message: string) {
      super(message);
      this.name = "MongoError";
    }
  }
  class MongoServerSelectionError extends MongoError {
    reason: unknown;
    constructor(message: string, reason: unknown) {
      super(message);
      this.name = "MongoServerSelectionError";
      this.reason = reason;
    }
  }
  class MongoNetworkTimeoutError extends MongoError {
    constructor(message: string) {
      super(message);
      this.name = "MongoNetworkTimeoutError";
    }
  }
  class MongoServerError extends MongoError {
    code: unknown;
    codeName: unknown;
    constructor(fields: Record<string, unknown>, message: string) {
      super(message);
      this.name = "MongoServerError";
      Object.assign(this, fields);
      this.code = fields.code;
      this.codeName = fields.codeName;
    }
  }

  class MongoClient {
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly options: { serverSelectionTimeoutMS: number; connectTimeoutMS: number; socketTimeoutMS: number };
    private socket: SocketHandle | null = null;
    private connecting: Promise<void> | null = null;
    private closed = false;

    constructor(url: string, options: Record<string, unknown> = {}) {
      const srv = /^mongodb\+srv:/.test(url);
      const parsed = new URL(url.replace(/^mongodb(\+srv)?:/, "http:").replace(/,[^/]*/, ""));
      const query = Object.fromEntries(parsed.searchParams);
      this.host = parsed.hostname || "localhost";
      this.port = srv ? PORT : Number(parsed.port || PORT);
      this.database = decodeURIComponent(parsed.pathname.slice(1)) || "test";
      const num = (key: string, fallback: number) => {
        const value = options[key] ?? query[key];
        return value === undefined ? fallback : Number(value);
      };
      this.options = {
        serverSelectionTimeoutMS: num("serverSelectionTimeoutMS", SERVER_SELECTION_TIMEOUT_MS),
        connectTimeoutMS: num("connectTimeoutMS", CONNECT_TIMEOUT_MS),
        socketTimeoutMS: num("socketTimeoutMS", 0),
      };
    }

    private url(db = this.database) {
      return dbUrl("mongodb", this.host, this.port, db);
    }

    /** Server selection: connect, and keep trying until serverSelectionTimeoutMS has passed. */
    private select(site: Error): Promise<void> {
      if (this.socket) return Promise.resolve();
      this.connecting ??= this.trySelect(site).finally(() => (this.connecting = null));
      return this.connecting;
    }

    private async trySelect(site: Error): Promise<void> {
      const started = ctx.loop.now();
      const limit = this.options.serverSelectionTimeoutMS;
      let last: unknown = null;
      for (;;) {
        const left = limit - (ctx.loop.now() - started);
        if (left <= 0) break;
        const attemptMs = this.options.connectTimeoutMS > 0 ? Math.min(this.options.connectTimeoutMS, left) : left;
        try {
          await dbConnect({
            ctx,
            url: this.url(),
            site,
            detail: `mongodb server selection (serverSelectionTimeoutMS ${limit} ms)`,
            timers: [{ ms: attemptMs, phase: "any", note: attemptMs < this.options.connectTimeoutMS ? `serverSelectionTimeoutMS ${limit} ms` : `connectTimeoutMS ${this.options.connectTimeoutMS} ms`, fire: () => new MongoNetworkTimeoutError(`connection timed out`) }],
            refusedError: () => econnrefused(this.host, this.port),
          });
          this.socket = new SocketHandle(ctx, site, `mongodb connection to ${this.host}:${this.port} (open until client.close())`);
          return;
        } catch (error) {
          last = error;
          // the monitor checks the server again after heartbeatFrequencyMS's minimum, 500 ms
          if ((error as { code?: string }).code === "ECONNREFUSED") {
            const wait = Math.min(500, limit - (ctx.loop.now() - started));
            if (wait > 0) await new Promise<void>((resolve) => ctx.loop.schedule({ kind: "timeout", delay: wait, site, span: { kind: "timer", label: "mongodb monitor: next server check" }, run: resolve }));
          }
        }
      }
      const error = new MongoServerSelectionError(`Server selection timed out after ${limit} ms`, { type: "Unknown", servers: { [`${this.host}:${this.port}`]: { error: last } } });
      markErrorSite(ctx, error, site);
      throw error;
    }

    async connect() {
      await this.select(captureSite());
      return this;
    }

    async close() {
      this.closed = true;
      this.socket?.close("client.close()");
      this.socket = null;
    }

    db(name?: string) {
      return new Db(this, name ?? this.database);
    }

    /** One operation's round trip: the server's reply as JSON (documents or a result). */
    async op(db: string, what: string, site: Error): Promise<unknown> {
      if (this.closed) {
        const error = new MongoError("Client must be connected before running operations");
        markErrorSite(ctx, error, site);
        throw error;
      }
      await this.select(site);
      const socketMs = this.options.socketTimeoutMS;
      const answer = await dbRoundTrip({
        ctx,
        url: this.url(db),
        site,
        verb: "COMMAND",
        detail: `mongodb ${what}`,
        timers: socketMs > 0 ? [{ ms: socketMs, phase: "any", note: `socketTimeoutMS ${socketMs} ms`, fire: () => new MongoNetworkTimeoutError(`Socket '${"timeout"}' for ${this.host}:${this.port} timed out after ${socketMs}ms`) }] : [],
      });
      if (answer.source === "default") return undefined;
      const json = parseJson(answer.body);
      if (isRecord(json) && json.error !== undefined) {
        const { message, fields } = serverError(json.error);
        const error = new MongoServerError(fields, message);
        markErrorSite(ctx, error, site);
        throw error;
      }
      return json;
    }
  }

  class Db {
    constructor(
      readonly client: MongoClient,
      readonly databaseName: string,
    ) {}
    collection(name: string) {
      return new Collection(this, name);
    }
    command(command: Doc) {
      return this.client.op(this.databaseName, `command ${Object.keys(command)[0] ?? ""}`, captureSite()).then((r) => r ?? { ok: 1 });
    }
  }

  const docsOf = (reply: unknown): Doc[] => (Array.isArray(reply) ? (reply.filter(isRecord) as Doc[]) : isRecord(reply) && Array.isArray(reply.documents) ? (reply.documents as Doc[]) : isRecord(reply) ? [reply] : []);
  const objectId = () => ctx.host.randomUUID().replace(/-/g, "").slice(0, 24);

  class Collection {
    constructor(
      readonly db: Db,
      readonly collectionName: string,
    ) {}
    private op(what: string, site: Error) {
      return this.db.client.op(this.db.databaseName, `${this.collectionName}.${what}`, site);
    }
    find(filter: Doc = {}) {
      const site = captureSite();
      const run = () => this.op(`find ${JSON.stringify(filter).slice(0, 60)}`, site).then(docsOf);
      return cursor(run);
    }
    aggregate(pipeline: unknown[] = []) {
      const site = captureSite();
      return cursor(() => this.op(`aggregate (${pipeline.length} stages)`, site).then(docsOf));
    }
    async findOne(filter: Doc = {}) {
      const docs = docsOf(await this.op(`findOne ${JSON.stringify(filter).slice(0, 60)}`, captureSite()));
      return docs[0] ?? null;
    }
    async insertOne(doc: Doc) {
      const reply = await this.op("insertOne", captureSite());
      const id = doc._id ?? objectId();
      return { acknowledged: true, insertedId: isRecord(reply) && reply.insertedId !== undefined ? reply.insertedId : id };
    }
    async insertMany(docs: Doc[]) {
      await this.op(`insertMany (${docs.length})`, captureSite());
      return { acknowledged: true, insertedCount: docs.length, insertedIds: Object.fromEntries(docs.map((d, i) => [i, d._id ?? objectId()])) };
    }
    private async write(what: string, site: Error) {
      const reply = await this.op(what, site);
      const r = isRecord(reply) ? reply : {};
      return { acknowledged: true, matchedCount: Number(r.matchedCount ?? 0), modifiedCount: Number(r.modifiedCount ?? 0), upsertedCount: Number(r.upsertedCount ?? 0), upsertedId: r.upsertedId ?? null };
    }
    updateOne(_filter: Doc, _update: Doc) {
      return this.write("updateOne", captureSite());
    }
    updateMany(_filter: Doc, _update: Doc) {
      return this.write("updateMany", captureSite());
    }
    replaceOne(_filter: Doc, _doc: Doc) {
      return this.write("replaceOne", captureSite());
    }
    async deleteOne(_filter: Doc = {}) {
      const reply = await this.op("deleteOne", captureSite());
      return { acknowledged: true, deletedCount: Number(isRecord(reply) ? (reply.deletedCount ?? 0) : 0) };
    }
    async deleteMany(_filter: Doc = {}) {
      const reply = await this.op("deleteMany", captureSite());
      return { acknowledged: true, deletedCount: Number(isRecord(reply) ? (reply.deletedCount ?? 0) : 0) };
    }
    async countDocuments(_filter: Doc = {}) {
      const reply = await this.op("countDocuments", captureSite());
      return typeof reply === "number" ? reply : isRecord(reply) && typeof reply.n === "number" ? reply.n : Array.isArray(reply) ? reply.length : 0;
    }
  }

  /** A find/aggregate cursor: the documents arrive with toArray(), next() or for await. */
  function cursor(run: () => Promise<Doc[]>) {
    let docs: Promise<Doc[]> | null = null;
    const load = () => (docs ??= run());
    let index = 0;
    const c = {
      sort: () => c,
      limit: () => c,
      skip: () => c,
      project: () => c,
      batchSize: () => c,
      maxTimeMS: () => c,
      toArray: () => load(),
      next: async () => (await load())[index++] ?? null,
      hasNext: async () => index < (await load()).length,
      close: async () => undefined,
      [Symbol.asyncIterator]: async function* () {
        for (const doc of await load()) yield doc;
      },
    };
    return c;
  }

  class ObjectId {
    private readonly hex: string;
    constructor(value?: string) {
      this.hex = value ?? objectId();
    }
    toHexString() {
      return this.hex;
    }
    toString() {
      return this.hex;
    }
    toJSON() {
      return this.hex;
    }
  }

  const mongodb = { MongoClient, MongoError, MongoServerError, MongoServerSelectionError, MongoNetworkTimeoutError, ObjectId, Db, Collection };
  return { __esModule: true, default: mongodb, ...mongodb };
}
