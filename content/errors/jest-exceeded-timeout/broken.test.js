// Retries a flaky async call with exponential backoff: 1 s, 2 s, 4 s between attempts.
async function withRetry(fn, { attempts = 4, baseDelayMs = 1000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

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
