const assert = require("node:assert");
const { createServer } = require("./server");

describe("GET /health", function () {
  let server;

  before(function (done) {
    // listen() calls back once the port is bound: that is when the hook is done
    server = createServer().listen(0, "127.0.0.1", done);
  });

  after(function (done) {
    server.close(done);
  });

  it("answers ok", async function () {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/health`);
    assert.deepStrictEqual(await res.json(), { status: "ok" });
  });
});
