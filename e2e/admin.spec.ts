// The admin console in the browser: the reference's how-to done by hand, and a non-admin's direct
// post of an admin server action refused. Each test puts the demo data back as it found it.
import { expect, test, type Page } from "@playwright/test";
import { serverActionId, signedIn } from "./support/session";

const ROLE = "read-only-experiments";
const SCREENSHOTS = "e2e/screenshots";

/** A datetime-local value `days` from now; the browser reads it in UTC (playwright.config.ts). */
function localTimeIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
}

async function confirm(page: Page, trigger: string, confirmLabel: string, scope = page.locator("body")) {
  await scope.getByRole("button", { name: trigger }).click();
  await page.getByRole("dialog").getByRole("button", { name: confirmLabel }).click();
}

test("Enter on a permission checkbox ticks it and creates nothing", async ({ browser }) => {
  const page = await signedIn(browser, "admin");
  await page.goto("/admin/roles/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("enter-pressed");
  const box = page.getByRole("checkbox", { name: "Experiments: read" });
  await box.focus();
  await page.keyboard.press("Enter");
  await expect(box).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(box).not.toBeChecked();
  await expect(page).toHaveURL(/\/admin\/roles\/new$/);
  await page.goto("/admin/roles/enter-pressed");
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});

test("the admin creates read-only-experiments, assigns it to vera, and her grid names the role", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, "admin");

  await page.goto("/admin/roles/new");
  await page.getByLabel("Name").fill(ROLE);
  await page.getByLabel("Description").fill("View-only access to experiments and reports");
  for (const resource of ["Experiments", "Reports", "Feature flags"]) {
    for (const action of ["read", "list"]) await page.getByRole("checkbox", { name: `${resource}: ${action}` }).check();
  }
  await page.getByLabel("Reason (optional)").fill("Stakeholders who monitor experiments");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/roles/${ROLE}\\?created=1$`));
  await expect(page.getByRole("status").filter({ hasText: `Role "${ROLE}" created.` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Experiments: list" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Experiments: create" })).not.toBeChecked();
  await page.screenshot({ path: `${SCREENSHOTS}/admin-role-editor.png`, fullPage: true });

  await page.goto("/admin/users?q=vera");
  await page.getByRole("link", { name: "vera", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Vera Vance");
  const veraPage = page.url();
  await page.getByLabel("Assign a role").selectOption(ROLE);
  await page
    .getByRole("form", { name: "Assign a custom role" })
    .getByLabel("Reason")
    .fill("Stakeholder who needs to monitor experiments");
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText(`Role "${ROLE}" assigned.`)).toBeVisible();
  for (const cell of ["experiment-read", "experiment-list", "report-read", "feature_flag-list"]) {
    await expect(page.getByTestId(`permission-${cell}`)).toContainText(`role ${ROLE}`);
  }
  await expect(page.getByTestId("permission-experiment-create")).toContainText("not granted");

  // A temporary grant, to show its warning; taken back at once so vera keeps her demo permissions.
  const grantForm = page.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("report");
  await grantForm.getByRole("checkbox", { name: "create" }).check();
  await grantForm.getByLabel("Reason").fill("Q1 reporting");
  await expect(grantForm.getByText("Read in UTC, your browser's time zone")).toBeVisible();
  await grantForm.getByLabel(/^Expires/).fill(localTimeIn(3));
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText(/^Granted create on report until/)).toBeVisible();
  const reportCreate = page.getByTestId("permission-report-create");
  await expect(reportCreate).toContainText("Q1 reporting");
  await expect(reportCreate).toContainText(/expires in [23] days/);

  await page.goto("/admin/roles");
  await expect(page.getByRole("row", { name: new RegExp(ROLE) })).toContainText("experiment: read, list");
  await page.screenshot({ path: `${SCREENSHOTS}/admin-roles.png`, fullPage: true });

  await page.goto(veraPage);
  await expect(page.getByTestId("permission-report-create")).toContainText("expires in");
  await page.screenshot({ path: `${SCREENSHOTS}/admin-user.png`, fullPage: true });

  const grants = page.getByRole("table", { name: "Direct grants of vera" });
  await confirm(page, "Revoke", "Revoke grant", grants);
  await expect(page.getByText("Grant of create on report revoked.")).toBeVisible();
  await expect(page.getByTestId("permission-report-create")).toContainText("not granted");
  const roles = page.getByRole("table", { name: "Custom roles of vera" });
  await confirm(page, "Revoke", "Revoke role", roles);
  await expect(page.getByText(`Role "${ROLE}" revoked.`)).toBeVisible();

  await page.goto(`/admin/roles/${ROLE}`);
  await confirm(page, "Delete role", "Delete role");
  await expect(page).toHaveURL(/\/admin\/roles\?deleted=/);
  await expect(page.getByRole("link", { name: ROLE })).toHaveCount(0);
});

test("a non-admin posting the create-role action directly is refused and nothing is created", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/roles/new");
  const actionId = await serverActionId(admin.locator('form[aria-label="New role"]'));
  expect(actionId).toMatch(/^[0-9a-f]{20,}$/);

  const dave = await signedIn(browser, "dave");
  await dave.goto("/admin/roles");
  await expect(dave.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  await expect(dave.getByText("Read only: only an admin or a superuser")).toBeVisible();
  await expect(dave.getByRole("link", { name: "New role" })).toHaveCount(0);

  // What React would send for createRoleAction(previousState, formData): the arguments as JSON
  // in field 0, the FormData's fields under the prefix "1_".
  const answer = await dave.evaluate(async (id) => {
    const body = new FormData();
    body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
    body.append("1_name", "dave-was-here");
    body.append("1_perm:role:create", "on");
    const response = await fetch("/admin/roles", { method: "POST", headers: { "Next-Action": id! }, body });
    return { status: response.status, text: await response.text() };
  }, actionId);
  expect(answer.text).toContain("Only an admin may change roles");

  await admin.goto("/admin/roles");
  await expect(admin.getByRole("heading", { name: "Custom roles" })).toBeVisible();
  await expect(admin.getByText("dave-was-here")).toHaveCount(0);
  await admin.goto("/admin/roles/dave-was-here");
  await expect(admin.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});

test("dev and dave see roles read only and may not open the role creator or the users", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const username of ["dev", "dave"]) {
    const page = await signedIn(browser, username);
    await page.goto("/admin/roles/sales-rep");
    await expect(page.getByRole("row", { name: /^Sales/ })).toContainText("Own rows");
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Save|Delete/ })).toHaveCount(0);
    // The 403 page. Its status is 200: the signed-in shell streams before the page decides.
    for (const path of ["/admin/roles/new", "/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  }
});
