const a = require("./cycle-a");
exports.sawFromA = a.early;
