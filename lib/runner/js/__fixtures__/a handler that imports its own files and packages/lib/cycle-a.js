exports.early = "a before b";
const b = require("./cycle-b");
exports.late = `a after b saw ${b.sawFromA}`;
