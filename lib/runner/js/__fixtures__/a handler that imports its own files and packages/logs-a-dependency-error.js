const { connect } = require("./lib/fails");

exports.handler = async () => {
  try {
    connect();
  } catch (error) {
    console.error(error);
  }
  connect();
};
