// What a daily user of an admin table expects of the sales list: it says it is busy while the next
// view loads, its header stays in view, it adds up every matching deal, a click anywhere on a row
// opens the sale, every column sorts, and a page past the end shows the last page.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const SALE_PAGE = /\/sales\/[0-9a-f-]{36}$/;

/** Holds the server's answers to client navigations (React Server Component requests) for a while. */
async function slowNavigations(page: Page, delayMs = 4_000): Promise<void> {
  await page.route("**/sales?**", async (route) => {
    const headers = route.request().headers();
    if (headers["rsc"] === "1" && !headers["next-router-prefetch"]) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    await route.continue();
  });
}

/** The amounts of the sales table's rows, in dollars, once the table is shown. */
async function amounts(page: Page): Promise<number[]> {
  // React may reveal a streamed page a moment after the load event: read what a person sees.
  const table = page.getByRole("table", { name: "Sales" });
  await expect(table).toBeVisible();
  const cells = await table.locator("tbody tr td:last-child").allTextContents();
  return cells.map((text) => Number(text.replace(/[$,]/g, "")));
}

function totalsRow(page: Page) {
  return page.getByRole("table", { name: "Sales" }).locator("tfoot tr");
}

test("sorting, paging and filtering dim the old rows and mark the control busy until the new view arrives", async ({
  page,
}) => {
  test.slow();
  await signIn(page, "admin");
  await page.goto("/sales");
  const table = page.getByRole("table", { name: "Sales" });
  const region = page.locator("[data-pending]");
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(region).toHaveCount(0);
  await slowNavigations(page);

  const customer = table.getByRole("columnheader", { name: /Customer/ }).getByRole("link");
  await customer.click();
  await expect(customer).toHaveAttribute("aria-busy", "true");
  await expect(region).toHaveAttribute("aria-busy", "true");
  // The old rows are still there, dimmed, while the server sorts.
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(region.locator("> div").first()).toHaveCSS("opacity", "0.5");
  await expect(page.getByRole("status").filter({ hasText: "Loading sales" })).toBeVisible();
  await page.waitForURL(/sort=customer/);
  await expect(region).toHaveCount(0);
  await expect(customer).not.toHaveAttribute("aria-busy", "true");

  const pageTwo = page
    .getByRole("navigation", { name: "Pagination" })
    .getByRole("link", { name: "Page 2", exact: true });
  await pageTwo.click();
  await expect(pageTwo).toHaveAttribute("aria-busy", "true");
  await expect(region).toHaveAttribute("aria-busy", "true");
  await page.waitForURL(/page=2/);
  await expect(region).toHaveCount(0);

  const filters = page.getByRole("form", { name: "Filter sales" });
  await filters.getByLabel("Status").selectOption("won");
  const apply = filters.getByRole("button", { name: "Apply filters" });
  await apply.click();
  await expect(apply).toHaveAttribute("aria-busy", "true");
  await expect(region).toHaveAttribute("aria-busy", "true");
  await page.waitForURL(/status=won/);
  await expect(region).toHaveCount(0);
  await expect(apply).not.toHaveAttribute("aria-busy", "true");
});

test("the header stays in view while the rows scroll under it", async ({ page }) => {
  test.slow();
  await signIn(page, "admin");
  await page.goto("/sales");
  const table = page.getByRole("table", { name: "Sales" });
  const header = table.getByRole("columnheader", { name: /Customer/ });
  await expect(table.locator("tbody tr")).toHaveCount(50);
  const scroller = table.locator("xpath=..");
  const before = (await header.boundingBox())!.y;
  await scroller.evaluate((element) => element.scrollBy(0, 1_000));
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(200);
  const scrolled = await scroller.evaluate((element) => element.scrollTop);
  expect(scrolled).toBeGreaterThan(500);
  await expect(header).toBeInViewport();
  const box = (await header.boundingBox())!;
  const frame = (await scroller.boundingBox())!;
  expect(Math.abs(box.y - frame.y)).toBeLessThan(2);
  expect(box.y).toBeLessThanOrEqual(before);
  // The first row has gone up under the header.
  await expect(table.locator("tbody tr").first()).not.toBeInViewport();
});

test("the totals row adds up every matching deal, not just the page shown", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales?status=won&page_size=200");
  const all = await amounts(page);
  expect(all.length).toBeGreaterThan(25);
  const sum = all.reduce((a, b) => a + b, 0);
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  await expect(totalsRow(page)).toContainText(`Total of ${all.length} matching deals`);
  await expect(totalsRow(page)).toContainText(money.format(sum));

  await page.goto("/sales?status=won&page_size=25");
  const firstPage = await amounts(page);
  expect(firstPage).toHaveLength(25);
  await expect(totalsRow(page)).toContainText(money.format(sum));
  await expect(totalsRow(page)).not.toContainText(money.format(firstPage.reduce((a, b) => a + b, 0)));

  // Her team lead's total covers more deals than hers.
  await page.context().clearCookies();
  await signIn(page, "carol");
  await page.goto("/sales?status=won&page_size=25");
  await expect(totalsRow(page)).not.toContainText(`Total of ${all.length} matching deals`);
});

test("a click anywhere on a row opens the sale, and the row's link stays its one focus stop", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales");
  const row = page.getByRole("table", { name: "Sales" }).locator("tbody tr").first();
  const customer = (await row.getByRole("link").textContent())!.trim();
  await expect(row.getByRole("link")).toHaveCount(1);
  await expect(row).not.toHaveAttribute("tabindex");

  await row.locator("td").nth(2).click();
  await page.waitForURL(SALE_PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(customer);

  await page.goBack();
  const link = page.getByRole("table", { name: "Sales" }).locator("tbody tr").first().getByRole("link");
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(SALE_PAGE);
});

test("a row's link opens the sale without reloading the app, and a Ctrl-click opens it in a new tab", async ({
  page,
  context,
}) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales");
  const link = page.getByRole("table", { name: "Sales" }).locator("tbody tr").first().getByRole("link");
  const href = await link.getAttribute("href");

  const [tab] = await Promise.all([context.waitForEvent("page"), link.click({ modifiers: ["Control"] })]);
  await tab.waitForURL(SALE_PAGE);
  expect(new URL(tab.url()).pathname).toBe(href);
  await tab.close();
  await expect(page).toHaveURL(/\/sales$/);

  // A full page load would start a new window object, and lose this mark.
  await page.evaluate(() => Object.assign(window, { listStayed: true }));
  await link.click();
  await page.waitForURL(SALE_PAGE);
  expect(await page.evaluate(() => "listStayed" in window)).toBe(true);
});

test("every column sorts, product included, both ways", async ({ page }) => {
  test.slow();
  await signIn(page, "dave");
  await page.goto("/sales");
  const table = page.getByRole("table", { name: "Sales" });
  for (const name of ["Customer", "Product", "Region", "Owner", "Status", "Closed", "Amount"]) {
    await expect(table.getByRole("columnheader", { name: new RegExp(name) }).getByRole("link")).toHaveCount(1);
  }
  const product = table.getByRole("columnheader", { name: /Product/ });
  await product.getByRole("link").click();
  await page.waitForURL(/sort=product/);
  await expect(product).toHaveAttribute("aria-sort", "ascending");
  const products = (await table.locator("tbody tr td:nth-child(2)").allTextContents()).map((t) => t.trim());
  expect(products).toEqual([...products].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await product.getByRole("link").click();
  await page.waitForURL(/sort=-product/);
  await expect(product).toHaveAttribute("aria-sort", "descending");
});

test("a page past the end goes to the last page, keeping the filters", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales?status=won&page_size=25&page=999");
  await page.waitForURL((url) => url.searchParams.get("page") !== "999");
  const url = new URL(page.url());
  const last = Number(url.searchParams.get("page"));
  expect(last).toBeGreaterThan(1);
  expect(url.searchParams.get("status")).toBe("won");
  // The redirect lands before the table renders: wait for its rows rather than count at once.
  const rows = page.getByRole("table", { name: "Sales" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole("link", { name: `Page ${last}` })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" })).toHaveCount(0);

  // A page that exists is left alone.
  await page.goto("/sales?status=won&page_size=25&page=2");
  expect(new URL(page.url()).searchParams.get("page")).toBe("2");
});
