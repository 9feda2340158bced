// a dependency whose own module body waits: its import line carries the cost
const started = Date.now();
while (Date.now() - started < 0) {}
exports.connect = () => new Promise((resolve) => setTimeout(() => resolve("connected"), 4000));
