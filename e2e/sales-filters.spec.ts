// The filters a person has on, as chips they can remove one by one, and a filter panel that folds
// away: on a phone it starts folded, so the first deal is on the first screen.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

const PHONE = { width: 390, height: 844 };

test("each active filter is a chip that removes only itself, and no chip shows without filters", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales");
  await expect(page.getByRole("table", { name: "Sales" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Active filters" })).toHaveCount(0);

  await page.goto("/sales?status=won&min_amount=100&sort=amount");
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(chips).toContainText("Status: Won");
  await expect(chips).toContainText("At least: $100.00");
  const filters = page.getByRole("form", { name: "Filter sales" });
  await expect(filters.getByLabel("Status")).toHaveValue("won");

  await chips.getByRole("link", { name: "Remove filter Status: Won" }).click();
  await page.waitForURL((url) => !url.searchParams.has("status"));
  const params = Object.fromEntries(new URL(page.url()).searchParams);
  expect(params).toEqual({ min_amount: "100", sort: "amount" });
  await expect(chips.getByRole("listitem")).toHaveCount(1);
  await expect(chips).not.toContainText("Status");
  // The form follows the address: the removed filter's field is empty again.
  await expect(filters.getByLabel("Status")).toHaveValue("");
  await expect(filters.getByLabel("Minimum amount (USD)")).toHaveValue("100");
});

test("on a wide screen the filter panel starts open and folds away with its toggle", async ({ page }) => {
  test.slow();
  await signIn(page, "carol");
  await page.goto("/sales");
  const toggle = page.getByRole("button", { name: /^Filters/ });
  const filters = page.getByRole("form", { name: "Filter sales" });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(filters).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(filters).toBeHidden();
  await toggle.click();
  await expect(filters).toBeVisible();
});

test("on a phone the panel starts folded, the first deal is on the first screen, and sorting still works", async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "carol");
  await page.goto("/sales?status=won");
  const toggle = page.getByRole("button", { name: /^Filters/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toContainText("1");
  await expect(page.getByRole("form", { name: "Filter sales" })).toBeHidden();
  await expect(page.getByRole("list", { name: "Active filters" })).toBeVisible();

  const first = page.getByRole("list", { name: "Sales" }).getByRole("listitem").first();
  await expect(first).toBeVisible();
  const box = (await first.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  // The card shows the amount, on screen.
  await expect(first).toContainText("$");
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "e2e/screenshots/sales-phone.png", fullPage: false });

  await toggle.click();
  const filters = page.getByRole("form", { name: "Filter sales" });
  await expect(filters).toBeVisible();
  await filters.getByLabel("Sort by").selectOption({ label: "Amount, largest first" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.search === "?status=won&sort=-amount");
  const amounts = async () =>
    (await page.getByRole("list", { name: "Sales" }).locator("li [data-column=amount]").allTextContents()).map((text) =>
      Number(text.replace(/[$,]/g, "")),
    );
  await expect.poll(async () => (await amounts()).length).toBeGreaterThan(1);
  await expect
    .poll(async () => {
      const shown = await amounts();
      return shown.every((amount, i) => i === 0 || shown[i - 1]! >= amount);
    })
    .toBe(true);
  await context.close();
});

test("the owner filter suggests people as one types, chosen and applied by keyboard alone", async ({ page }) => {
  test.slow();
  await signIn(page, "carol");
  await page.goto("/sales");
  const filters = page.getByRole("form", { name: "Filter sales" });
  const owner = filters.getByRole("combobox", { name: "Owner" });
  const suggestions = page.getByRole("listbox", { name: "People" });

  // A manager is offered their team only: someone of another team is not found.
  await owner.fill("erin");
  await expect(owner).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("#filter-owner-status")).toHaveText("No one owning a deal you can see matches “erin”.");
  await expect(suggestions.getByRole("option")).toHaveCount(0);

  await owner.fill("ba");
  await expect(suggestions.getByRole("option")).toHaveText(["Bob Baker (bob)"]);
  await owner.press("ArrowDown");
  await expect(suggestions.getByRole("option", { name: "Bob Baker (bob)" })).toHaveAttribute("aria-selected", "true");
  await owner.press("Enter");
  await expect(owner).toHaveValue("Bob Baker (bob)");
  await expect(suggestions).toBeHidden();
  // With the suggestions closed, Enter submits the filters.
  await owner.press("Enter");
  await page.waitForURL(/[?&]owner_id=[0-9a-f-]{36}/);
  await expect(page.getByRole("link", { name: "Remove filter Owner: Bob Baker" })).toBeVisible();
  const table = page.getByRole("table", { name: "Sales" });
  await expect(table.getByRole("columnheader").nth(3)).toContainText("Owner");
  const cells = table.locator("tbody tr td:nth-child(4)");
  await expect.poll(async () => [...new Set(await cells.allTextContents())]).toEqual(["Bob Baker"]);

  // The chosen person stays in the box; emptying it and applying means anyone again.
  await expect(filters.getByRole("combobox", { name: "Owner" })).toHaveValue("Bob Baker (bob)");
  await filters.getByRole("combobox", { name: "Owner" }).fill("");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => !url.search.includes("owner_id"));
});
