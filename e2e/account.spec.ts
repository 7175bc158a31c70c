// Sessions one can see and end, from the account page; signing out ends the cookie for good; a
// password change signs the other sessions out. Each test signs in more than once.
import { expect, test, type Browser } from "@playwright/test";
import postgres from "postgres";
import { signInWithForm, signedInWithForm } from "./support/session";
import { DEMO_PASSWORD, E2E_DATABASE_URL } from "./support/settings";

async function isSignedOut(
  browser: Browser,
  cookies: Awaited<ReturnType<import("@playwright/test").BrowserContext["cookies"]>>,
) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto("/sales");
  const out = new URL(page.url()).pathname === "/login";
  await context.close();
  return out;
}

test.describe.configure({ timeout: 90_000 });

test("signing out ends the session: a copy of the old cookie no longer signs in", async ({ browser }) => {
  const page = await signedInWithForm(browser, "erin");
  const cookies = await page.context().cookies();
  expect(await isSignedOut(browser, cookies)).toBe(false);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  expect(await isSignedOut(browser, cookies)).toBe(true);
});

test("the account page lists the sessions and ends the others, which are signed out at once", async ({ browser }) => {
  const laptop = await signedInWithForm(browser, "frank");
  const phone = await signedInWithForm(browser, "frank");
  await laptop.goto("/account");
  const sessions = laptop.getByRole("table", { name: "Your sessions" });
  await expect(sessions.getByText("This session", { exact: true })).toHaveCount(1);
  expect(await sessions.getByRole("row").count()).toBeGreaterThanOrEqual(3);
  await laptop.getByRole("button", { name: "End all other sessions" }).click();
  await expect(laptop.getByText(/Ended \d+ other sessions?/)).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await phone.goto("/sales");
  await expect(phone).toHaveURL(/\/login/);
  await laptop.goto("/sales");
  await expect(laptop).toHaveURL(/\/sales$/);
});

test("a password change asks for the current one, refuses a weak one, and signs out the others", async ({
  browser,
}) => {
  test.skip(!E2E_DATABASE_URL, "restoring the demo password needs the PostgreSQL database");
  const owner = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [saved] = await owner<{ hash: string }[]>`select password_hash as hash from users where username = 'vera'`;
  try {
    const here = await signedInWithForm(browser, "vera");
    const there = await signedInWithForm(browser, "vera");
    await here.goto("/account");
    const form = here.getByRole("form", { name: "Change your password" });
    await form.getByLabel("Current password").fill("not-my-password");
    await form.getByLabel("New password", { exact: true }).fill("a-much-better-secret-42");
    await form.getByLabel("New password again").fill("a-much-better-secret-42");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("That is not your current password.").first()).toBeVisible();

    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill("password1234");
    await form.getByLabel("New password again").fill("password1234");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("This password is too common. Choose another.").first()).toBeVisible();

    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill("a-much-better-secret-42");
    await form.getByLabel("New password again").fill("a-much-better-secret-42");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText(/Password changed\. 1 other session was signed out\./)).toBeVisible();
    await there.goto("/");
    await expect(there).toHaveURL(/\/login/);
    await signInWithForm(there, "vera", "a-much-better-secret-42");
    await expect(there).not.toHaveURL(/\/login/);
  } finally {
    await owner`update users set password_hash = ${saved!.hash} where username = 'vera'`;
    await owner.end();
  }
});
