import { test, expect } from "@playwright/test";

test("places an order", async ({ page }) => {
  await page.goto("checkout.html");
  const placeOrder = page.getByRole("button", { name: "Place order" });
  // Fail in 10 s with the locator's own error instead of running into the 30 s test timeout.
  await expect(placeOrder).toBeEnabled({ timeout: 10_000 });
  await placeOrder.click();
  await expect(page.getByRole("status")).toHaveText("Order placed");
});
