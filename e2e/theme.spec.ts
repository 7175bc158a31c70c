// Dark mode: the system's theme by default, a toggle that cycles system → light → dark, and a
// choice the server renders into the first byte of every page (a cookie, no script before paint).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const canvas = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_CANVAS = "rgb(248, 250, 252)";
const DARK_CANVAS = "rgb(2, 6, 23)";

test("the theme follows the system, and a chosen one is kept and served without a flash", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, "alice");
  await page.waitForLoadState("networkidle");
  expect(await canvas(page)).toBe(DARK_CANVAS);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await canvas(page)).toBe(LIGHT_CANVAS);
  await page.emulateMedia({ colorScheme: "dark" });

  const toggle = page.getByRole("button", { name: /^System theme\. Switch to light theme$/ });
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await canvas(page)).toBe(LIGHT_CANVAS);

  // The server renders the choice itself: the HTML as sent already names it.
  const html = await (await page.request.get("/sales")).text();
  expect(html).toMatch(/<html[^>]*data-theme="light"/);
  await page.goto("/sales");
  expect(await canvas(page)).toBe(LIGHT_CANVAS);

  await page.getByRole("button", { name: /^Light theme\. Switch to dark theme$/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await canvas(page)).toBe(DARK_CANVAS);
  await page.reload();
  expect(await canvas(page)).toBe(DARK_CANVAS);
  await page.screenshot({ path: "e2e/screenshots/sales-dark.png", fullPage: false });

  await page.getByRole("button", { name: /^Dark theme\. Switch to system theme$/ }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await canvas(page)).toBe(LIGHT_CANVAS);
  expect((await context.cookies()).some((cookie) => cookie.name === "theme")).toBe(false);
  const plain = await (await page.request.get("/sales")).text();
  expect(plain).not.toMatch(/<html[^>]*data-theme=/);
  await context.close();
});
