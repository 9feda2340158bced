const { withRetry } = require("./retry");

jest.useFakeTimers();

test("retries until the call succeeds", async () => {
  const call = jest
    .fn()
    .mockRejectedValueOnce(new Error("503"))
    .mockRejectedValueOnce(new Error("503"))
    .mockResolvedValue("ok");

  await expect(withRetry(call)).resolves.toBe("ok");
  expect(call).toHaveBeenCalledTimes(3);
});
