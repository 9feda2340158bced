const { ready } = require("./lib/broken");

exports.handler = async () => ready;
