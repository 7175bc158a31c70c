// Layout faults a mouse user sees and a keyboard user trips over: screen-reader copies of the
// charts that lengthened the page, focus stops inside charts hidden from screen readers, a sidebar
// that scrolled its first links away, and dialogs that inherited a table cell's alignment.
import { expect, test } from "@playwright/test";
import { signedIn } from "./support/session";

/** Elements a Tab key reaches inside something hidden from screen readers (axe: aria-hidden-focus). */
const FOCUSABLE_BUT_HIDDEN = `[aria-hidden="true"] :is(a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])),
  [aria-hidden="true"][tabindex]:not([tabindex="-1"])`;

test("the overview's charts add no focus stops and no length, and the sidebar stays in view", async ({ browser }) => {
  const page = await signedIn(browser, "admin");
  await page.goto("/");
  await expect(page.getByRole("figure").first()).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  expect(await page.locator(FOCUSABLE_BUT_HIDDEN).count()).toBe(0);

  const { pageHeight, contentBottom } = await page.evaluate(() => ({
    pageHeight: document.documentElement.scrollHeight,
    contentBottom: document.querySelector("main")!.getBoundingClientRect().bottom + window.scrollY,
  }));
  expect(pageHeight).toBeLessThanOrEqual(Math.ceil(contentBottom) + 1);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeInViewport();
});

test("a confirm dialog opened from a table row reads left to right like any other", async ({ browser }) => {
  const page = await signedIn(browser, "admin");
  await page.goto("/admin/users?q=vera");
  await page.getByRole("link", { name: "vera", exact: true }).click();
  const grantForm = page.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("report");
  await grantForm.getByRole("checkbox", { name: "create" }).check();
  await grantForm.getByLabel("Reason").fill("Dialog layout check");
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(/^Granted create on report/)).toBeVisible();

  await page.getByRole("table", { name: "Direct grants of vera" }).getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((element) => getComputedStyle(element).textAlign)).toBe("left");
  expect(await dialog.getByRole("heading").evaluate((element) => getComputedStyle(element).textAlign)).toBe("left");

  // Put vera's permissions back as they were.
  await dialog.getByRole("button", { name: "Revoke grant" }).click();
  await expect(page.getByText("Grant of create on report revoked.")).toBeVisible();
});
