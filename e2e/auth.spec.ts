// Sign-in, sign-out and the navigation each demo user's permissions allow.
import { expect, test, type Page } from "@playwright/test";
import { signInWithForm } from "./support/session";
import { signInFrom } from "./support/sign-in-from";
import { DEMO_PASSWORD } from "./support/settings";

async function tryPassword(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const NAVIGATION: Record<string, string[]> = {
  admin: [
    "Overview",
    "Sales",
    "Reports",
    "Feature flags",
    "Roles",
    "Users",
    "Expiring soon",
    "Audit log",
    "Access requests",
    "Sessions and password",
    "API tokens",
    "Your requests",
  ],
  root: [
    "Overview",
    "Sales",
    "Reports",
    "Feature flags",
    "Roles",
    "Users",
    "Expiring soon",
    "Audit log",
    "Access requests",
    "Sessions and password",
    "API tokens",
    "Your requests",
  ],
  alice: ["Overview", "Sales", "Reports", "Feature flags", "Sessions and password", "API tokens", "Your requests"],
  carol: ["Overview", "Sales", "Reports", "Feature flags", "Sessions and password", "API tokens", "Your requests"],
  erin: ["Overview", "Sales", "Reports", "Feature flags", "Sessions and password", "API tokens", "Your requests"],
  dave: [
    "Overview",
    "Sales",
    "Reports",
    "Feature flags",
    "Roles",
    "Expiring soon",
    "Sessions and password",
    "API tokens",
    "Your requests",
  ],
  dev: [
    "Overview",
    "Reports",
    "Feature flags",
    "Roles",
    "Expiring soon",
    "Sessions and password",
    "API tokens",
    "Your requests",
  ],
  vera: ["Overview", "Reports", "Feature flags", "Sessions and password", "API tokens", "Your requests"],
};

for (const [username, links] of Object.entries(NAVIGATION)) {
  test(`${username} signs in and sees exactly the navigation their permissions allow`, async ({ page }) => {
    await signInWithForm(page, username);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(links);
  });
}

test("a wrong password shows an error and signs nobody in", async ({ page }) => {
  await tryPassword(page, "alice", "not-the-password");
  await expect(page.locator("#login-error")).toContainText("Wrong username, email or password");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/sales");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown user gets the same answer as a wrong password", async ({ page }) => {
  await tryPassword(page, "nobody-here", "whatever");
  await expect(page.locator("#login-error")).toContainText("Wrong username, email or password");
});

test("an anonymous visit to a protected page goes to sign-in", async ({ page }) => {
  for (const path of ["/", "/sales", "/admin/roles", "/account/tokens"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});

test("sign-out ends the session", async ({ page }) => {
  await signInWithForm(page, "bob");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/sales");
  await expect(page).toHaveURL(/\/login/);
});

test("a page the viewer may not open answers 403 with the forbidden page", async ({ page }) => {
  await signInWithForm(page, "vera");
  const response = await page.goto("/sales");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  const admin = await page.goto("/admin/users");
  expect(admin?.status()).toBe(403);
});

test("a token made on the account page works against the API, and stops when revoked", async ({ page, request }) => {
  await signInWithForm(page, "erin");
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).username).toBe("erin");

  const row = page.getByRole("row", { name: /e2e script/ });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  const after = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test("a token limited to sale:list lists through the API but cannot create", async ({ page, request }) => {
  await signInWithForm(page, "erin");
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill("list only");
  await page.getByLabel("Only these permissions").check();
  await page.getByRole("group", { name: "Permissions" }).getByLabel("sale:list").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const headers = { authorization: `Bearer ${token}` };
  expect((await (await request.get("/api/v1/me", { headers })).json()).permissions).toEqual({ sale: ["list"] });
  expect((await request.get("/api/v1/sales", { headers })).status()).toBe(200);
  const created = await request.post("/api/v1/sales", {
    headers,
    data: { customer: "Nope", product: "CRM Pro", region: "EMEA", amount: 1, status: "open", closed_at: "2026-01-02" },
  });
  expect(created.status()).toBe(403);
  await expect(page.getByRole("row", { name: /list only/ }).getByText("sale:list")).toBeVisible();
});

test("a deep link opened signed out comes back, filters and page kept, after sign-in", async ({ page }) => {
  await page.goto("/sales?status=won&page=2");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsales%3Fstatus%3Dwon%26page%3D2$/);
  await page.getByLabel("Username or email").fill("alice");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sales\?status=won&page=2$/);
  await expect(page.getByRole("table", { name: "Sales" })).toBeVisible();
});

test("the sign-in throttle counts the socket's address, not a forged X-Forwarded-For", async () => {
  // Ten wrong passwords for frank from 127.0.0.2, each claiming another address in the header.
  for (let i = 1; i <= 10; i++) {
    const refused = await signInFrom("127.0.0.2", "frank", "wrong password", `198.51.100.${i}`);
    expect(refused).toContain("error=CredentialsSignin");
  }
  // frank at the address that failed is throttled, whatever it claims next; from another, they are not.
  expect(await signInFrom("127.0.0.2", "frank", DEMO_PASSWORD, "203.0.113.99")).toContain("code=throttled");
  expect(await signInFrom("127.0.0.1", "frank", DEMO_PASSWORD, "127.0.0.2")).not.toContain("error");
});
