export default {
  async queue(batch, env) {
    // Each message could be written to R2 or D1 here; the sample only logs the batch.
    const messages = JSON.stringify(batch.messages);
    console.log(`Received batch: ${messages}`);
  },
};
