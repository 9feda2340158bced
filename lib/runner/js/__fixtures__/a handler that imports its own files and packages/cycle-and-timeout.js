const cycle = require("./lib/cycle-a");
const { connect } = require("./lib/slow-start");

exports.handler = async () => {
  const state = await connect();
  return { cycle: cycle.late, state };
};
