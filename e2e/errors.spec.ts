// The app's error pages: a 404 inside the signed-in shell wherever the address points, an API
// address that answers JSON, a 403 that names the missing permission and who can give it, and
// the tab's icon.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

test("an address no page answers is a 404 inside the app's shell, with its navigation", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  for (const path of ["/no-such-page", "/admin/nothing/here", "/sales/new/extra"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sales" })).toBeVisible();
  }
  // A page that exists is not caught.
  expect((await page.goto("/sales"))?.status()).toBe(200);
});

test("a record the address names but nobody has, or an id that is no id, is the 404 page", async ({ page }) => {
  test.slow();
  await signIn(page, "admin");
  const nobody = "00000000-0000-4000-8000-000000000000";
  for (const path of [
    `/sales/${nobody}`,
    "/sales/not-a-sale",
    `/admin/users/${nobody}`,
    "/admin/users/not-a-user",
    `/admin/users/${nobody}/view-as`,
    "/admin/roles/no-such-role",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  }
});

test("an API address no route answers is a JSON 404, not a page or a sign-in redirect", async ({ request }) => {
  const response = await request.get("/api/v1/no-such-thing", { maxRedirects: 0 });
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ detail: "Not found" });
});

test("the 403 page names the missing permission and who can grant it", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  const response = await page.goto("/admin/audit");
  expect(response?.status()).toBe(403);
  const main = page.locator("#main");
  await expect(main).toContainText("Missing permission: list on audit_log.");
  await expect(main).toContainText("An admin or a superuser can give it to you");

  await page.goto("/sales/export");
  await expect(main).toContainText("Missing permission: read on export.");
  await expect(main).not.toContainText("audit_log");
  // One main landmark: the shell's.
  await expect(page.getByRole("main")).toHaveCount(1);
});

test("the console's admin-only pages say that only an admin may open them", async ({ page }) => {
  test.slow();
  await signIn(page, "dave");
  const response = await page.goto("/admin/roles/new");
  expect(response?.status()).toBe(403);
  await expect(page.locator("#main")).toContainText("Only an admin or a superuser may open this page.");
  await expect(page.locator("#main")).not.toContainText("Missing permission");
});

test("every page names an icon for its tab, served from the app", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
