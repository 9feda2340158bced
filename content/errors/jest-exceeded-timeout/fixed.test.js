const { withRetry } = require("./retry");

jest.useFakeTimers();

test("retries until the call succeeds", async () => {
  const call = jest
    .fn()
    .mockRejectedValueOnce(new Error("503"))
    .mockRejectedValueOnce(new Error("503"))
    .mockResolvedValue("ok");

  const result = withRetry(call);
  // The backoff waits on setTimeout, which is now Jest's clock: move it forward.
  await jest.advanceTimersByTimeAsync(1000 + 2000);
  await expect(result).resolves.toBe("ok");
  expect(call).toHaveBeenCalledTimes(3);
});
