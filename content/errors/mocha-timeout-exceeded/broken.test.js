const assert = require("node:assert");
const http = require("node:http");

// The service's health endpoint, kept small so the tests can start it on any port.
function createServer() {
  return http.createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok" }));
      return;
    }
    res.writeHead(404).end();
  });
}

describe("GET /health", function () {
  let server;

  before(function (done) {
    server = createServer().listen(0, "127.0.0.1");
  });

  after(function (done) {
    server.close(done);
  });

  it("answers ok", async function () {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/health`);
    assert.deepStrictEqual(await res.json(), { status: "ok" });
  });
});
