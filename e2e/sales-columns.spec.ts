// The sales list's column chooser: worked with the keyboard alone, the choice is in the address (so a
// link or a reload shows the same columns), a saved report keeps it, and it fits a phone.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";

function header(page: Page, name: string) {
  return page.getByRole("table", { name: "Sales" }).getByRole("columnheader", { name: new RegExp(`^${name}`) });
}

function shownColumns(page: Page): string[] {
  return new URL(page.url()).searchParams.get("cols")?.split(",") ?? [];
}

test("alice hides Region with the keyboard, saves the view as a report, and the report opens without it", async ({
  page,
}) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales");
  await expect(header(page, "Region")).toHaveCount(1);

  const disclosure = page.locator("summary", { hasText: "Columns" });
  await disclosure.focus();
  await page.keyboard.press("Enter");
  const region = page.getByRole("checkbox", { name: "Region" });
  await expect(region).toBeVisible();
  await expect(region).toBeChecked();
  // The customer is always shown, so its box is disabled and not a tab stop.
  await expect(page.getByRole("checkbox", { name: "Customer" })).toBeDisabled();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Product" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(region).toBeFocused();
  await page.keyboard.press("Space");

  await expect(region).not.toBeChecked();
  await expect(header(page, "Region")).toHaveCount(0);
  await page.waitForURL(/[?&]cols=/);
  expect(shownColumns(page)).not.toContain("region");
  expect(shownColumns(page)).toEqual(expect.arrayContaining(["product", "status", "closed_at", "amount"]));
  // Focus stays on the box that was used, so the next column is one Tab away.
  await expect(region).toBeFocused();
  await expect(header(page, "Product")).toHaveCount(1);
  await expect(header(page, "Amount")).toHaveCount(1);

  // The address alone reproduces the view.
  await page.reload();
  await expect(header(page, "Customer")).toHaveCount(1);
  await expect(header(page, "Region")).toHaveCount(0);

  const name = `Without region ${Date.now()}`;
  await page.locator("summary", { hasText: "Save as report" }).click();
  await page.getByLabel("Report name").fill(name);
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(`Saved as "${name}"`)).toBeVisible();

  // Back to every column, so what the report opens is its own doing.
  await page.goto("/sales");
  await expect(header(page, "Region")).toHaveCount(1);

  await page.goto("/reports");
  const row = page.getByRole("table", { name: "Reports" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Region hidden");
  await row.getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/sales\?.*cols=/);
  expect(shownColumns(page)).not.toContain("region");
  await expect(header(page, "Customer")).toHaveCount(1);
  await expect(header(page, "Product")).toHaveCount(1);
  await expect(header(page, "Region")).toHaveCount(0);
  await page.locator("summary", { hasText: "Columns" }).click();
  await expect(page.getByRole("checkbox", { name: "Region" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Product" })).toBeChecked();
});

test("on a phone the chooser fits the screen and the cards drop what is hidden", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "alice");
  await page.goto("/sales?cols=product,region,status,closed_at");
  const cards = page.getByRole("list", { name: "Sales" });
  await expect(cards.locator("li").first()).toBeVisible();
  // Amount is hidden: no card shows a dollar figure.
  await expect(cards.getByText(/\$\d/)).toHaveCount(0);

  await page.locator("summary", { hasText: "Columns" }).click();
  const amount = page.getByRole("checkbox", { name: "Amount" });
  await expect(amount).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await amount.check();
  await page.waitForURL(/[?&]cols=[^&]*amount/);
  await expect(cards.getByText(/\$\d/).first()).toBeVisible();
  await context.close();
});

test("an unticked column leaves the table at once, before the server's next view arrives", async ({ page }) => {
  test.slow();
  await signIn(page, "carol");
  await page.goto("/sales");
  await expect(header(page, "Closed")).toHaveCount(1);
  // The next view is held back until the table has been checked: the table must not wait for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/sales" && url.searchParams.has("cols"),
    async (route) => {
      await held;
      await route.continue();
    },
  );

  await page.locator("summary", { hasText: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Closed" }).uncheck();
  await expect(header(page, "Closed")).toHaveCount(0, { timeout: 2_000 });
  const table = page.getByRole("table", { name: "Sales" });
  await expect(table.locator("tbody tr").first().locator("[data-column=closed_at]")).toBeHidden();
  await expect(table.locator("tbody tr").first().locator("[data-column=owner]")).toBeVisible();
  expect(new URL(page.url()).searchParams.has("cols")).toBe(false);

  release();
  await page.waitForURL(/[?&]cols=/);
  expect(shownColumns(page)).not.toContain("closed_at");
  await expect(table.locator("tbody tr").first().locator("[data-column=closed_at]")).toHaveCount(0);
});
