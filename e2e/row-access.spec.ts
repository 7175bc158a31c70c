// "Why can or can't they act on this sale?" on a user's page, by keyboard, with a link of its own.
import { expect, test } from "@playwright/test";
import { signedIn } from "./support/session";

test("an admin asks why alice may not read bob's sale, and the database agrees", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "admin");
  await page.goto("/sales");
  await page.getByRole("combobox", { name: "Owner" }).fill("bob");
  await page.getByRole("option", { name: "Bob Baker (bob)" }).click();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/owner_id=/);
  const href = await page
    .getByRole("row")
    .filter({ hasText: "Bob Baker" })
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href");
  const saleId = href?.match(/\/sales\/([0-9a-f-]{36})/)?.[1];
  expect(saleId).toBeTruthy();

  await page.goto("/admin/users?q=alice");
  await page.getByRole("link", { name: "alice", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Alice");
  const card = page.locator("#row-access");
  await card.getByLabel("Id", { exact: true }).fill(saleId!);
  await card.getByLabel("Action").selectOption("read");
  await card.getByLabel("Id", { exact: true }).press("Enter");

  await expect(page).toHaveURL(new RegExp(`access_id=${saleId}`));
  await expect(card.getByText("Not allowed")).toBeVisible();
  await expect(card).toContainText("alice may read only their own sales, and this is bob's sale (team east).");
  await expect(card).toContainText("returns no such sale: it agrees.");
  await expect(card.getByRole("listitem").filter({ hasText: "Custom role sales-rep" })).toContainText("grants");

  // The answer has a link of its own: opening it again shows the same answer.
  const answer = page.url();
  await page.goto(answer);
  await expect(page.locator("#row-access")).toContainText("it agrees.");

  await card.getByLabel("Id", { exact: true }).fill("not a sale");
  await card.getByRole("button", { name: "Explain" }).click();
  await expect(page.locator("#row-access").getByRole("alert")).toContainText("That is not a sale id");
});

test("the question is not offered to a non-admin", async ({ browser }) => {
  const page = await signedIn(browser, "carol");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
});
