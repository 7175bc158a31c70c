// The admin console as a daily user works it: the audit log read as sentences, searched and
// exported; the permission matrix by toggles and arrow keys; the grant form offering a scope only
// where one applies. Each test puts the demo data back as it found it.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signedIn } from "./support/session";

/** A datetime-local value `days` from now; the browser reads it in UTC (playwright.config.ts). */
function localTimeIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
}

async function openUser(page: Page, username: string): Promise<void> {
  await page.goto(`/admin/users?q=${username}`);
  await page.getByRole("link", { name: username, exact: true }).first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
}

test("the grant form offers a scope only for a resource whose rows have owners", async ({ browser }) => {
  const page = await signedIn(browser, "admin");
  await openUser(page, "vera");
  const grantForm = page.getByRole("form", { name: "Grant a permission" });
  await expect(grantForm.getByLabel("Scope")).toHaveCount(0);
  await grantForm.getByLabel("Resource").selectOption("export");
  await expect(grantForm.getByLabel("Resource")).toHaveValue("export");
  await expect(grantForm.getByLabel("Scope")).toHaveCount(0);
  await grantForm.getByLabel("Resource").selectOption({ label: "Sales" });
  await expect(grantForm.getByLabel("Scope")).toBeVisible();
  await grantForm.getByLabel("Resource").selectOption({ label: "Reports" });
  await expect(grantForm.getByLabel("Scope")).toBeVisible();
  await grantForm.getByLabel("Resource").selectOption({ label: "Feature flags" });
  await expect(grantForm.getByLabel("Scope")).toHaveCount(0);
});

test("the audit log tells a grant as a sentence, finds it by search and exports what is shown", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, "admin");
  await openUser(page, "vera");
  const grantForm = page.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("report");
  await grantForm.getByRole("checkbox", { name: "create" }).check();
  await grantForm.getByLabel("Reason").fill("audit-log sentence check");
  await grantForm.getByLabel(/^Expires/).fill(localTimeIn(2));
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(/^Granted create on report until/)).toBeVisible();

  await page.goto("/admin/audit");
  const log = page.getByRole("table", { name: "Audit log" });
  const grantRow = log.getByRole("row").filter({ hasText: "audit-log sentence check" }).first();
  await expect(grantRow).toContainText(/admin granted vera Reports: create until \w{3} \d{1,2}, \d{4}, .+ UTC/);
  await expect(grantRow).toContainText("reason: audit-log sentence check");
  await expect(page.getByText("(JSON)")).toHaveCount(0);
  await expect(page.getByText('"resource"')).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/admin-audit.png", fullPage: false });

  // The search runs on the server: the URL carries it, and only matching entries come back.
  await page.getByLabel("Search").fill("sentence check");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=sentence\+check/);
  await expect(log.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Search").fill("no-entry-mentions-this");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No entries match these filters")).toBeVisible();

  await page.goto("/admin/audit?q=sentence+check");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await file.path())!, "utf8")).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("time,actor,action,summary,target_type,target_id,target_label,reason,changes,before,after");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("admin granted vera Reports: create until");

  await openUser(page, "vera");
  await page.getByRole("table", { name: "Direct grants of vera" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(page.getByText("Grant of create on report revoked.")).toBeVisible();
  await page.goto("/admin/audit?q=vera");
  await expect(log.getByRole("row").nth(1)).toContainText("admin revoked vera's grant of Reports: create");
  await page.context().close();

  // Whoever may not read the log gets the app's 403 page, not a file.
  const dave = await signedIn(browser, "dave");
  const response = await dave.goto("/admin/audit/export?q=vera");
  expect(response?.status()).toBe(403);
  await expect(dave.getByRole("main")).toContainText("Missing permission: list on audit_log.");
});

test("the permission matrix: all-toggles per row and column, one Tab stop, arrow keys inside", async ({ browser }) => {
  const page = await signedIn(browser, "admin");
  await page.goto("/admin/roles/new");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("rowheader", { name: /Feature flags/ })).toBeVisible();

  await page.getByRole("checkbox", { name: "Reports: every action" }).check();
  for (const action of ["create", "read", "update", "delete", "list"]) {
    await expect(page.getByRole("checkbox", { name: `Reports: ${action}` })).toBeChecked();
  }
  await page.getByRole("checkbox", { name: "read on every resource" }).check();
  await expect(page.getByRole("checkbox", { name: "Sales: read" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Experiments: read" })).toBeChecked();
  const mixed = (name: string) =>
    page.getByRole("checkbox", { name }).evaluate((box) => (box as HTMLInputElement).indeterminate);
  expect(await mixed("Experiments: every action")).toBe(true);
  expect(await mixed("Reports: every action")).toBe(false);
  await expect(page.getByRole("checkbox", { name: "Reports: every action" })).toBeChecked();
  await page.getByRole("checkbox", { name: "Reports: every action" }).uncheck();
  await expect(page.getByRole("checkbox", { name: "Reports: read" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Reports: list" })).not.toBeChecked();

  // From the description, one Tab enters the matrix, the next leaves it for the scope selects, one
  // per resource whose rows have owners.
  await page.getByLabel("Description").focus();
  await page.keyboard.press("Tab");
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  expect(await focused()).toMatch(/: |every/);
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("Scope of Reports");
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("Scope of Sales");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("reason");

  await page.getByRole("checkbox", { name: "Experiments: read" }).focus();
  await page.keyboard.press("ArrowRight");
  expect(await focused()).toBe("Experiments: update");
  await page.keyboard.press("ArrowDown");
  expect(await focused()).toBe("Feature flags: update");
  await page.keyboard.press("Home");
  expect(await focused()).toBe("Feature flags: every action");
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Feature flags: delete" })).toBeChecked();
  // The box last visited is the matrix's Tab stop now.
  await page.getByLabel("Description").focus();
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("Feature flags: every action");
});

test("Reports to suggests people as one types; the keyboard chooses one and the change is saved", async ({
  browser,
}) => {
  const page = await signedIn(browser, "admin");
  await openUser(page, "vera");
  const form = page.getByRole("form", { name: "Reporting line and regions" });
  const box = form.getByRole("combobox", { name: "Reports to" });
  await expect(box).toHaveValue("");
  await expect(box).toHaveAttribute("placeholder", "Nobody: type a name");
  await box.fill("vera");
  // Nobody reports to themselves: the person being edited is never suggested.
  await expect(form.getByRole("status")).toHaveText("No active person matches “vera”.");
  await box.fill("diaz");
  await expect(form.getByRole("option")).toHaveText(["Dave Diaz (dave)"]);
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(box).toHaveValue("Dave Diaz (dave)");
  await form.getByRole("button", { name: "Save reporting line and regions" }).click();
  await page.waitForLoadState("networkidle");
  await page.reload();
  await expect(form.getByRole("combobox", { name: "Reports to" })).toHaveValue("Dave Diaz (dave)");

  // Emptied, the box means nobody: the demo data as it was. Escape closes the suggestions the
  // emptied box opened, which would otherwise cover the button.
  await form.getByRole("combobox", { name: "Reports to" }).fill("");
  await form.getByRole("combobox", { name: "Reports to" }).press("Escape");
  await expect(form.getByRole("listbox")).toHaveCount(0);
  await form.getByRole("button", { name: "Save reporting line and regions" }).click();
  await page.waitForLoadState("networkidle");
  await page.reload();
  await expect(form.getByRole("combobox", { name: "Reports to" })).toHaveValue("");
  await page.context().close();
});
