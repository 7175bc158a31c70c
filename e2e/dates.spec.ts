// Dates and times read in one format everywhere: the viewer's locale, and for moments their own
// time zone, named. A browser in London set to British English, and one in New York, see the same
// stored instant each on their own clock.
import { expect, test, type Browser } from "@playwright/test";
import { formatDateTime } from "../lib/format";
import { signIn } from "./support/session";

async function viewer(browser: Browser, username: string, locale: string, timezoneId: string) {
  const context = await browser.newContext({ locale, timezoneId });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test("a sale's times are shown in the viewer's zone and locale, with the zone named", async ({ browser }) => {
  test.slow();
  const page = await viewer(browser, "alice", "en-GB", "America/New_York");
  await page.goto("/sales");
  const day = page.getByRole("table", { name: "Sales" }).locator("tbody tr").first().locator("time");
  // A calendar date in British order: "1 Mar 2026".
  await expect(day).toHaveText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);

  await page.getByRole("table", { name: "Sales" }).locator("tbody tr").first().getByRole("link").click();
  await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
  const created = page
    .getByRole("definition")
    .filter({ has: page.locator("time") })
    .nth(1)
    .locator("time");
  const iso = (await created.getAttribute("datetime"))!;
  await expect(created).toHaveText(formatDateTime(iso, { locale: "en-GB", timeZone: "America/New_York" }));
  await expect(created).toHaveText(/GMT-[45]$/);
  await expect(created).not.toContainText("UTC");
  // The stored UTC instant is one hover away.
  await expect(created).toHaveAttribute("title", formatDateTime(iso));
  await page.context().close();
});

test("a role's creation time follows the viewer's zone: the same instant on two clocks", async ({ browser }) => {
  test.slow();
  const london = await viewer(browser, "admin", "en-GB", "Europe/London");
  await london.goto("/admin/roles/analyst");
  const created = london.getByRole("main").locator("time").first();
  const iso = (await created.getAttribute("datetime"))!;
  await expect(created).toHaveText(formatDateTime(iso, { locale: "en-GB", timeZone: "Europe/London" }));
  await london.context().close();

  const newYork = await viewer(browser, "admin", "en-US", "America/New_York");
  await newYork.goto("/admin/roles/analyst");
  const same = newYork.locator(`time[datetime="${iso}"]`).first();
  await expect(same).toHaveText(formatDateTime(iso, { locale: "en-US", timeZone: "America/New_York" }));
  await expect(same).toHaveText(/E[SD]T$/);
  await newYork.context().close();
});
