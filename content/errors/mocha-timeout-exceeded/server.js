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

module.exports = { createServer };
