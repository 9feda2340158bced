exports.connect = () => {
  throw new Error("db down");
};
