// Phones (390×844): nothing scrolls sideways without saying so, the page itself never does, the
// sales amounts stay on screen, and the role editor's matrix can be worked by touch.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const PHONE = { width: 390, height: 844 };

async function onPhone(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** Boxes that scroll sideways, described, and whether each shows a hint (a line or a fading edge). */
function sidewaysScrollers(page: Page) {
  return page.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
    };
    return [...document.querySelectorAll("body *")]
      .filter((element) => {
        const overflow = getComputedStyle(element).overflowX;
        return (
          (overflow === "auto" || overflow === "scroll") &&
          element.scrollWidth > element.clientWidth + 1 &&
          visible(element)
        );
      })
      .map((element) => {
        const area = element.closest('[data-scroll-area="overflowing"]');
        const hints = area ? [...area.querySelectorAll("[data-scroll-hint], [data-scroll-fade]")] : [];
        return {
          what: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.className}`,
          hinted: hints.some(visible),
        };
      });
  });
}

test("on a phone no page scrolls sideways, and every box that does says so", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await onPhone(browser, "admin");
  await page.goto("/admin/users?q=alice");
  await page.getByRole("link", { name: "alice", exact: true }).first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  const aliceUrl = new URL(page.url()).pathname;
  for (const path of [
    "/",
    "/sales",
    "/admin/users",
    aliceUrl,
    "/admin/roles",
    "/admin/roles/new",
    "/admin/audit",
    "/account/tokens",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForTimeout(300);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `${path} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
    for (const scroller of await sidewaysScrollers(page)) {
      expect(scroller.hinted, `${path}: ${scroller.what} scrolls sideways without a hint`).toBe(true);
    }
  }
  // The effective-permissions grid does scroll sideways on a phone: the check above saw a real case.
  await page.goto(aliceUrl);
  expect((await sidewaysScrollers(page)).length).toBeGreaterThan(0);
  await expect(page.getByText("Scroll sideways for more columns").first()).toBeVisible();
});

test("on a phone the sales list is cards with the amount on screen, not a table scrolled off", async ({ browser }) => {
  test.slow();
  const page = await onPhone(browser, "dave");
  await page.goto("/sales");
  await expect(page.getByRole("table", { name: "Sales" })).toBeHidden();
  const cards = page.getByRole("list", { name: "Sales" }).getByRole("listitem");
  await expect(cards).toHaveCount(50);
  for (const index of [0, 1, 2]) {
    const amount = cards.nth(index).locator("[data-column=amount]");
    await expect(amount).toHaveText(/^\$[\d,]+\.\d\d$/);
    const box = (await amount.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  await cards.first().click();
  await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
});

test("on a phone the role editor's matrix scrolls with its resource names pinned", async ({ browser }) => {
  test.slow();
  const page = await onPhone(browser, "admin");
  await page.goto("/admin/roles/new");
  const saleRow = page.getByRole("row", { name: /sale/ }).first();
  const header = saleRow.getByRole("rowheader");
  const before = (await header.boundingBox())!;
  const last = page.getByRole("checkbox", { name: "Sales: list" });
  await last.scrollIntoViewIfNeeded();
  await last.check();
  await expect(last).toBeChecked();
  const after = (await header.boundingBox())!;
  expect(Math.abs(after.x - before.x)).toBeLessThan(2);
  await expect(header).toBeInViewport();
});
