// Preloaded into every process of a build (NODE_OPTIONS=--require) by bench/offline-build.ts:
// appends each outbound connection or DNS lookup to $DEADLINE_NETWORK_LOG. Local IPC sockets
// (a path, no host) are not network and are not recorded.
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");

const log = process.env.DEADLINE_NETWORK_LOG;
const record = (what) => log && fs.appendFileSync(log, `${process.pid} ${what}\n`);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (options && !options.path && (options.port !== undefined || options.host !== undefined)) record(`connect ${options.host ?? "localhost"}:${options.port}`);
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record(`lookup ${hostname}`);
  return lookup.call(this, hostname, ...rest);
};
