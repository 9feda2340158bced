exports.handler = (event, context, callback) => {
  setInterval(() => console.log("tick"), 10000);
  callback(null, { statusCode: 200 });
};
