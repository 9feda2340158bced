const sharp = require("native-thing");
const prebuilt = require("prebuilt-thing");
const { readFile } = require("fs");
const db = require("./lib/nowhere");
let optional = null;
try {
  optional = require("not-installed-but-optional");
} catch {}
const stripe = require("stripe");

exports.handler = async () => ({ sharp, prebuilt, readFile, db, optional, stripe });
