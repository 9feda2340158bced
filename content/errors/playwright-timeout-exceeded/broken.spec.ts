import { test, expect } from "@playwright/test";

test("places an order", async ({ page }) => {
  await page.goto("checkout.html");
  // The button was renamed from "Pay now" to "Place order" in the last release.
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByRole("status")).toHaveText("Order placed");
});
