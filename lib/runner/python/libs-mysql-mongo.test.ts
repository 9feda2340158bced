import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run } from "./libs.fixture";

describe("PyMySQL 1.2.0", () => {
  test("connect_timeout 10 s by default on a dropped host; a refused one; read_timeout is error 2013; a server error keeps its number", async () => {
    const r = await run(
      `
      import time, pymysql, pymysql.cursors
      def lambda_handler(event, context):
          out = []
          t = time.monotonic()
          try:
              pymysql.connect(host="down.internal", user="app")
          except pymysql.err.OperationalError as e:
              out.append([list(e.args), round(time.monotonic() - t)])
          try:
              pymysql.connect(host="localhost", user="app")
          except pymysql.OperationalError as e:
              out.append(list(e.args))
          conn = pymysql.connect(host="mysql.internal", user="app", database="shop", read_timeout=5, cursorclass=pymysql.cursors.DictCursor)
          with conn.cursor() as cur:
              cur.execute("SELECT id, name FROM products")
              out.append(cur.fetchall())
              try:
                  cur.execute("UPDATE stock SET n = n - 1")
              except pymysql.err.OperationalError as e:
                  out.append(list(e.args))
          conn2 = pymysql.connect(host="mysql.internal", user="app", read_timeout=5)
          try:
              conn2.cursor().execute("SELECT SLEEP(60)")
          except pymysql.err.OperationalError as e:
              out.append(list(e.args))
          return out
    `,
      {
        timeout: 60,
        ...parseWorld({
          responses: [
            { match: "down.internal", answers: [{ connection: "dropped" }] },
            { match: "localhost:3306", answers: [{ connection: "refused" }] },
            {
              match: "mysql.internal:3306",
              answers: [{ times: 1, json: [{ id: 1, name: "Lamp" }] }, { times: 1, json: { error: { message: "Lock wait timeout exceeded; try restarting transaction", errno: 1205 } } }, { latency: 60, json: [] }],
            },
          ],
        }),
      },
    );
    expect(r.result).toEqual([
      [[2003, "Can't connect to MySQL server on 'down.internal' (timed out)"], 10],
      [2003, "Can't connect to MySQL server on 'localhost' ([Errno 111] Connection refused)"],
      [{ id: 1, name: "Lamp" }],
      [1205, "Lock wait timeout exceeded; try restarting transaction"],
      [2013, "Lost connection to MySQL server during query (timed out)"],
    ]);
  });
});

describe("pymongo 4.16.0", () => {
  test("an unreachable server: ServerSelectionTimeoutError after serverSelectionTimeoutMS (30 s) with pymongo's message; a rule's documents", async () => {
    const r = await run(
      `
      import time, pymongo
      from pymongo.errors import ServerSelectionTimeoutError
      def lambda_handler(event, context):
          out = []
          for host in ("down.internal", "localhost"):
              client = pymongo.MongoClient(f"mongodb://{host}:27017/app")
              t = time.monotonic()
              try:
                  client.app.users.find_one({"_id": 1})
              except ServerSelectionTimeoutError as e:
                  out.append([str(e).split(", Timeout:")[0], str(e).split(", Topology")[0].split(", ")[-1], round(time.monotonic() - t)])
          ok = pymongo.MongoClient("mongodb://mongo.internal/app", serverSelectionTimeoutMS=5000)
          out.append(list(ok.get_default_database()["users"].find({"active": True})))
          return out
    `,
      {
        timeout: 120,
        ...parseWorld({
          responses: [
            { match: "down.internal", answers: [{ connection: "dropped" }] },
            { match: "localhost:27017", answers: [{ connection: "refused" }] },
            { match: "mongo.internal", answers: [{ json: [{ _id: "u1" }] }] },
          ],
        }),
      },
    );
    expect(r.result).toEqual([
      ["down.internal:27017: timed out (configured timeouts: socketTimeoutMS: 20000.0ms, connectTimeoutMS: 20000.0ms)", "Timeout: 30.0s", 30],
      ["localhost:27017: [Errno 111] Connection refused (configured timeouts: socketTimeoutMS: 20000.0ms, connectTimeoutMS: 20000.0ms)", "Timeout: 30.0s", 30],
      [{ _id: "u1" }],
    ]);
    expect(network(r).filter((s) => s.label?.includes("down.internal"))).toHaveLength(2);
  });
});
