// The request that started it all: each salesperson sees only their own rows, managers their team's,
// analysts everything read-only, and a viewer without sales access nothing.
import { expect, test, type Page } from "@playwright/test";
import { signedIn, signIn } from "./support/session";

const SCREENSHOTS = "e2e/screenshots";
const EAST = ["Alice Archer", "Bob Baker", "Carol Chen"];
const WEST = ["Erin Evans", "Frank Foster"];
const SALE_PAGE = /\/sales\/[0-9a-f-]{36}$/;

/** Opens the first sale of the list page and waits until its detail page is shown. */
async function openFirstSale(page: Page): Promise<void> {
  await page.getByRole("table", { name: "Sales" }).locator("tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(SALE_PAGE);
}

/** The owner names shown in the sales table's Owner column, once the table is shown. */
async function ownerNames(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: "Sales" });
  await expect(table).toBeVisible();
  const headers = await table.getByRole("columnheader").allTextContents();
  const column = headers.findIndex((text) => text.trim().startsWith("Owner"));
  if (column < 0) return [];
  const cells = await table.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
  return [...new Set(cells.map((cell) => cell.trim()))];
}

test("alice sees only her own rows, no owner column and no Export button", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sales");
  const table = page.getByRole("table", { name: "Sales" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Owner/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New sale" }).first()).toBeVisible();
  await expect(page.getByText("Your deals", { exact: false }).first()).toBeVisible();

  // Every row she can open is hers: her detail page names her as owner.
  await openFirstSale(page);
  await expect(page.getByText("Alice Archer").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/sale-detail.png`, fullPage: true });
});

test("carol sees team east, exports it, and the file holds east rows only", async ({ page }) => {
  await signIn(page, "carol");
  await page.goto("/sales?page_size=200");
  const owners = await ownerNames(page);
  expect(owners.length).toBeGreaterThan(1);
  for (const owner of owners) expect(EAST).toContain(owner);
  await page.screenshot({ path: `${SCREENSHOTS}/sales.png`, fullPage: false });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile(file, "utf8")).trim().split("\n");
  expect(lines.length).toBeGreaterThan(100);
  const csv = lines.join("\n");
  for (const name of ["erin", "frank"]) expect(csv).not.toContain(`,${name},`);
});

test("dave sees every team and cannot edit", async ({ page }) => {
  await signIn(page, "dave");
  await page.goto("/sales?page_size=200&sort=owner");
  const owners = new Set(await ownerNames(page));
  await page.goto("/sales?page_size=200&sort=-owner");
  for (const owner of await ownerNames(page)) owners.add(owner);
  expect([...owners].some((o) => EAST.includes(o))).toBe(true);
  expect([...owners].some((o) => WEST.includes(o))).toBe(true);
  await expect(page.getByRole("link", { name: "New sale" })).toHaveCount(0);
  await openFirstSale(page);
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete sale" })).toHaveCount(0);
});

test("vera gets the no-access state on the overview and 403 on the sales page", async ({ page }) => {
  await signIn(page, "vera");
  await page.goto("/");
  await expect(page.getByText("No access to sales data")).toBeVisible();
  const response = await page.goto("/sales");
  expect(response?.status()).toBe(403);
});

test("the overview shows KPIs and charts over the viewer's rows", async ({ page }) => {
  await signIn(page, "carol");
  await page.goto("/");
  await expect(page.getByText("Revenue").first()).toBeVisible();
  await expect(page.getByText("Win rate").first()).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENSHOTS}/overview.png`, fullPage: true });
});

test("a hidden delete button's server action, posted directly by dave, is refused and the row stays", async ({
  browser,
}) => {
  // Three sign-ins and a rendered sales page: close to the default limit on a loaded 2-core box.
  test.slow();
  const admin = await signedIn(browser, "admin");
  await admin.goto("/sales");
  await openFirstSale(admin);
  const saleUrl = admin.url();
  // Capture the request the Delete button sends, and stop it before it reaches the server.
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await admin.context().route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !(await request.headerValue("next-action"))) return route.continue();
    captured = { headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
    // Answer it here: an aborted action would be retried as a plain form post.
    await route.fulfill({ status: 204, body: "" });
  });
  await admin.getByRole("button", { name: "Delete sale" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await admin.context().close();

  // dave holds no sale:delete; the same request from their session is refused.
  const dave = await signedIn(browser, "dave");
  const answer = await dave.request.post(saleUrl, {
    headers: {
      "next-action": captured!.headers["next-action"]!,
      "content-type": captured!.headers["content-type"]!,
      accept: "text/x-component",
    },
    data: captured!.body,
  });
  expect(answer.status()).toBeLessThan(500);
  expect(await answer.text()).toMatch(/permission/i);

  const checker = await signedIn(browser, "admin");
  const stillThere = await checker.request.get(saleUrl);
  expect(stillThere.status()).toBe(200);
  expect(await stillThere.text()).toContain("Delete sale");
});

test("a temporary export grant gives alice the Export button for her own rows; revoking it takes it away", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users?q=alice");
  await admin.getByRole("link", { name: "alice", exact: true }).first().click();
  const grantForm = admin.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("export");
  await grantForm.getByRole("checkbox", { name: "read", exact: true }).check();
  await grantForm.getByLabel("Reason").fill("One-week access for audit");
  await grantForm.getByLabel(/^Expires/).fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16));
  await grantForm.getByRole("button", { name: "Grant" }).click();
  const grants = admin.getByRole("table", { name: "Direct grants of alice" });
  await expect(grants.getByRole("rowheader", { name: "export" })).toBeVisible();

  const alice = await signedIn(browser, "alice");
  await alice.goto("/sales");
  const download = alice.waitForEvent("download");
  await alice.getByRole("link", { name: "Export CSV" }).click();
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile(await (await download).path(), "utf8")).trim().split("\n");
  expect(lines.length).toBeGreaterThan(50);
  const header = lines[0]!.split(",");
  const ownerColumn = header.indexOf("owner_username");
  expect(ownerColumn).toBeGreaterThanOrEqual(0);
  for (const line of lines.slice(1)) expect(line.split(",")[ownerColumn]).toBe("alice");

  await grants
    .getByRole("row", { name: /export/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await admin.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(grants.getByRole("row", { name: /export/ }).getByRole("button", { name: "Revoke" })).toHaveCount(0);

  await alice.reload();
  await expect(alice.getByRole("table", { name: "Sales" })).toBeVisible();
  await expect(alice.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
});

test("the admin previews the sales page as alice: her rows, her buttons, nothing clickable", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users?q=alice");
  await admin.getByRole("link", { name: "alice", exact: true }).first().click();
  await admin.getByRole("link", { name: "View as alice" }).click();
  await admin.waitForURL(/\/view-as$/);
  const aliceId = new URL(admin.url()).pathname.split("/")[3];
  /** The audit log's rows of previews as alice, read in a tab of the admin's own. */
  const previewsRecorded = async () => {
    const audit = await admin.context().newPage();
    await audit.goto(`/admin/audit?action=user.view_as&target=${aliceId}`);
    await expect(audit.getByRole("heading", { level: 1 })).toBeVisible();
    const rows = await audit.locator("tbody tr").count();
    await audit.close();
    return rows;
  };
  const before = await previewsRecorded();

  // Opening the page, as any link can make a browser do, shows a button and records nothing.
  const preview = admin.getByTestId("view-as-preview");
  await expect(admin.getByRole("button", { name: "View as Alice Archer" })).toBeVisible();
  await expect(preview).toHaveCount(0);
  await admin.reload();
  expect(await previewsRecorded()).toBe(before);

  // The admin's click posts the request: one audit row, then the preview.
  await admin.getByRole("button", { name: "View as Alice Archer" }).click();
  await expect(admin.getByText("Viewing as Alice Archer")).toBeVisible();
  await admin.getByRole("navigation", { name: "Preview" }).getByRole("link", { name: "Sales" }).click();
  await expect(preview.getByText("Your deals")).toBeVisible();
  await expect(preview.getByRole("columnheader", { name: /Owner/ })).toHaveCount(0);
  await expect(preview.getByRole("button", { name: "New sale" })).toBeDisabled();
  await expect(preview.getByRole("button", { name: "Export CSV" })).toHaveCount(0);
  await admin.screenshot({ path: `${SCREENSHOTS}/view-as.png`, fullPage: false });
  // Moving between the preview's tabs records nothing more.
  expect(await previewsRecorded()).toBe(before + 1);
});

test("Back to sales returns to the list as it was left: filters, sort and page", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sales?status=won&sort=-amount&page=2");
  await expect(page.getByRole("table", { name: "Sales" })).toBeVisible();
  await openFirstSale(page);
  await page.getByRole("link", { name: "Back to sales" }).click();
  await page.waitForURL((url) => url.pathname === "/sales");
  const params = new URL(page.url()).searchParams;
  expect(Object.fromEntries(params)).toEqual({ status: "won", sort: "-amount", page: "2" });
});

test("Last 12 months ends with the current month, whoever is looking", async ({ browser }) => {
  test.setTimeout(90_000);
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  for (const username of ["alice", "dave"]) {
    const page = await signedIn(browser, username);
    await page.goto("/");
    const range = page.getByRole("form", { name: "Custom date range" });
    await expect(range.getByLabel("From")).toHaveValue(iso(start));
    await expect(range.getByLabel("To")).toHaveValue(iso(end));
    await page.context().close();
  }
});

test("contradictory amount and date filters stay in the inputs and say why nothing matches", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sales");
  const filters = page.getByRole("form", { name: "Filter sales" });
  await filters.getByLabel("Minimum amount (USD)").fill("5000");
  await filters.getByLabel("Maximum amount (USD)").fill("100");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("The minimum amount is above the maximum")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("max_amount")).toBe("100");
  await expect(filters.getByLabel("Minimum amount (USD)")).toHaveValue("5000");
  await expect(filters.getByLabel("Maximum amount (USD)")).toHaveValue("100");
  await expect(page.getByRole("table", { name: "Sales" })).toHaveCount(0);

  await page.goto("/sales?from=2026-06-01&to=2026-01-31");
  await expect(page.getByText("'Closed from' is after 'Closed to'")).toBeVisible();
  await expect(filters.getByLabel("Closed from")).toHaveValue("2026-06-01");
  await expect(filters.getByLabel("Closed to")).toHaveValue("2026-01-31");
  await expect(page.getByRole("table", { name: "Sales" })).toHaveCount(0);
});

test("a reversed range on the overview stays in its inputs and is explained", async ({ page }) => {
  await signIn(page, "carol");
  await page.goto("/");
  const range = page.getByRole("form", { name: "Custom date range" });
  await range.getByLabel("From").fill("2026-06-01");
  await range.getByLabel("To").fill("2026-01-31");
  await range.getByRole("button", { name: "Apply range" }).click();
  await expect(page.getByText("'From' is after 'To'")).toBeVisible();
  await expect(range.getByLabel("From")).toHaveValue("2026-06-01");
  await expect(range.getByLabel("To")).toHaveValue("2026-01-31");
  const presets = page.getByRole("navigation", { name: "Date range presets" });
  await expect(presets.getByRole("link", { name: "Last 12 months" })).not.toHaveAttribute("aria-current", "true");
});

/** Gives alice `export: read` for a week through the admin's user page; returns the grants table. */
async function grantAliceExport(admin: Page) {
  await admin.goto("/admin/users?q=alice");
  await admin.getByRole("link", { name: "alice", exact: true }).first().click();
  const grantForm = admin.getByRole("form", { name: "Grant a permission" });
  await grantForm.getByLabel("Resource").selectOption("export");
  await grantForm.getByRole("checkbox", { name: "read", exact: true }).check();
  await grantForm.getByLabel("Reason").fill("Quarter-end export");
  await grantForm.getByLabel(/^Expires/).fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16));
  await grantForm.getByRole("button", { name: "Grant" }).click();
  const grants = admin.getByRole("table", { name: "Direct grants of alice" });
  await expect(grants.getByRole("rowheader", { name: "export" })).toBeVisible();
  return grants;
}

test("opening /sales/export without the export permission shows the 403 page, not JSON", async ({ page }) => {
  await signIn(page, "alice");
  const response = await page.goto("/sales/export");
  expect(response?.status()).toBe(403);
  expect(response?.headers()["content-type"]).toContain("text/html");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("a stale Export CSV button, clicked after the grant was revoked, downloads nothing and shows the 403 page", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await signedIn(browser, "admin");
  const grants = await grantAliceExport(admin);

  const alice = await signedIn(browser, "alice");
  await alice.goto("/sales");
  const exportButton = alice.getByRole("link", { name: "Export CSV" });
  await expect(exportButton).toBeVisible();

  await grants
    .getByRole("row", { name: /export/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await admin.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(grants.getByRole("row", { name: /export/ }).getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const downloads: string[] = [];
  alice.on("download", (download) => downloads.push(download.suggestedFilename()));
  await exportButton.click();
  await expect(alice.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await alice.waitForTimeout(500);
  expect(downloads).toEqual([]);
});

test("a rep's own sale says who may delete it, and offers no Delete button", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/sales");
  await openFirstSale(page);
  await expect(page.getByRole("button", { name: "Delete sale" })).toHaveCount(0);
  await expect(page.getByText("Only an admin can delete this deal.")).toBeVisible();
  // She may ask for exactly that: delete on the rows she reads the deal through, her own.
  await page.getByRole("link", { name: "request delete access" }).click();
  await expect(page).toHaveURL(/\/access\/request\?resource=sale&action=delete&scope=own$/);
  const form = page.getByRole("form", { name: "Request access" });
  await expect(form.getByLabel("Resource")).toHaveValue("sale");
  await expect(form.getByRole("checkbox", { name: "delete" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "update" })).not.toBeChecked();
});

test("where a viewer cannot switch flags or save reports, each page links to that exact request", async ({ page }) => {
  await signIn(page, "vera");
  await page.goto("/flags");
  await expect(page.getByRole("switch")).toHaveCount(0);
  await page.getByRole("link", { name: "Request to switch flags" }).click();
  await expect(page).toHaveURL(/\/access\/request\?resource=feature_flag&action=update$/);
  await expect(page.getByRole("form", { name: "Request access" }).getByLabel("Resource")).toHaveValue("feature_flag");

  await page.goto("/reports");
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.getByRole("link", { name: "Request to save reports" }).click();
  await expect(page).toHaveURL(/\/access\/request\?resource=report&action=create$/);
  const form = page.getByRole("form", { name: "Request access" });
  await expect(form.getByRole("checkbox", { name: "create" })).toBeChecked();
});

test("creating, editing and deleting a sale each show in the audit log with before and after", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = `Audit Probe ${Date.now()}`;
  const alice = await signedIn(browser, "alice");
  await alice.goto("/sales/new");
  const form = alice.getByRole("form", { name: "New sale" });
  await form.getByLabel("Customer").fill(customer);
  await form.getByLabel("Product").fill("Training");
  await form.getByLabel("Region").fill("EMEA");
  await form.getByLabel("Amount (USD)").fill("1200");
  await form.getByLabel("Closing date").fill("2026-11-15");
  await form.getByRole("button", { name: "Create sale" }).click();
  await alice.waitForURL(/\/sales\/[0-9a-f-]{36}\?created=1$/);
  const saleUrl = alice.url().replace(/\?.*$/, "");
  const edit = alice.getByRole("form", { name: "Edit sale" });
  await edit.getByLabel("Amount (USD)").fill("1350");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(alice.getByText("Sale saved.")).toBeVisible();
  await alice.context().close();

  const admin = await signedIn(browser, "admin");
  await admin.goto(saleUrl);
  await admin.getByRole("button", { name: "Delete sale" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await admin.waitForURL((url) => url.pathname === "/sales");

  await admin.goto("/admin/audit");
  const log = admin.getByRole("table", { name: "Audit log" });
  const rows = log.getByRole("row").filter({ hasText: customer });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "sale.create" }).filter({ hasText: "alice" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "sale.update" }).filter({ hasText: "1200 → 1350" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "sale.delete" }).filter({ hasText: "admin" })).toHaveCount(1);
});
