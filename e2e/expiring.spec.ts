// Expiring soon, by keyboard: an admin finds a grant in its last days, extends it by 30 days with a
// reason without touching the mouse, sees the new end, and reads the extension in the audit log.
import { expect, test } from "@playwright/test";
import { formatDateTime } from "@/lib/format";
import { signedIn } from "./support/session";

const DAY = 86_400_000;

test("an admin extends an expiring grant with a reason, by keyboard, and the audit log tells it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "admin");
  // A grant of vera's ending in two days, through the user page (the browser reads times in UTC).
  const ends = new Date(Math.floor((Date.now() + 2 * DAY) / 60_000) * 60_000);
  await page.goto("/admin/users?q=vera");
  await page.getByRole("link", { name: "vera", exact: true }).first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  const userPage = page.url();
  const grantForm = page.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("experiment");
  await grantForm.getByRole("checkbox", { name: "update" }).check();
  await grantForm.getByLabel("Reason").fill("launch week");
  await grantForm.getByLabel(/^Expires/).fill(ends.toISOString().slice(0, 16));
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(/^Granted update on experiment until/)).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Expiring soon" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Expiring soon" })).toBeVisible();
  const table = page.getByRole("table", { name: "Grants and role assignments expiring soon" });
  const row = table.getByRole("row").filter({ hasText: "launch week" });
  await expect(row).toContainText("vera");
  await expect(row).toContainText("Experiments: update");
  await expect(row).toContainText(/in (1 day|2 days)/);
  await expect(row).toContainText(formatDateTime(ends));

  const extend = row.getByRole("button", { name: "Extend" });
  await extend.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radio", { name: "7 more days" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: "30 more days" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("launch slipped a month");
  await page.keyboard.press("Enter");

  const extended = formatDateTime(new Date(ends.getTime() + 30 * DAY));
  await expect(page.getByText(`Grant extended until ${extended}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // Thirty-two days out, the grant has left the week's list.
  await expect(table.getByRole("row").filter({ hasText: "launch week" })).toHaveCount(0);

  await page.goto(userPage);
  await expect(page.getByRole("table", { name: "Direct grants of vera" })).toContainText(extended);

  await page.goto("/admin/audit?q=launch+slipped");
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row").nth(1)).toContainText(
    `admin extended vera's grant of Experiments: update until ${extended}`,
  );
  await expect(log.getByRole("row").nth(1)).toContainText("launch slipped a month");

  // Put the demo back as it was.
  await page.goto(userPage);
  await page.getByRole("table", { name: "Direct grants of vera" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(page.getByText("Grant of update on experiment revoked.")).toBeVisible();
  await page.context().close();
});
