import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signInWithForm, signedInWithForm } from "./support/session";
import { DEMO_PASSWORD } from "./support/settings";

// Two-factor sign-in in the browser, for the superuser (no other spec signs in as root): turn it
// on from the QR page's key, sign out, sign in with a code after a wrong one, then turn it off.
const codeFor = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetMs,
  });

test("a user turns on two-factor sign-in and then signs in with a code", async ({ page }) => {
  test.setTimeout(60_000);
  await signInWithForm(page, "root");
  await page.goto("/account/security");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())?.trim() ?? "";
  await page.getByRole("link", { name: "I have saved them" }).click();
  await expect(page.getByText("On", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel("Username or email").fill("root");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();

  await code.fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#login-error")).toContainText("That code is not right");
  await expect(page).toHaveURL(/\/login/);

  // The enrolment used this step's code; the next step's is accepted too (clock drift).
  await code.fill(codeFor(secret, 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  // Leave the account as it was, with a recovery code.
  await page.goto("/account/security");
  await page.getByLabel("Current code or a recovery code").fill(recovery);
  await page.getByRole("button", { name: "Turn off" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByText("Off", { exact: true })).toBeVisible();
});

// dev (whom no later spec signs in) loses their phone: new recovery codes first, then an admin's reset.
test("new recovery codes with the password, then an admin resets the second factor", async ({ browser }) => {
  test.setTimeout(90_000);
  const dev = await signedInWithForm(browser, "dev");
  await dev.goto("/account/security");
  const secret = (await dev.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await dev.getByLabel("Code from the app").first().fill(codeFor(secret));
  await dev.getByRole("button", { name: "Turn on" }).click();
  const shown = dev.getByTestId("recovery-codes").getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const first = await shown.allTextContents();
  await dev.getByRole("link", { name: "I have saved them" }).click();

  const codesForm = dev.getByRole("form", { name: "New recovery codes" });
  await codesForm.getByLabel("Or your password").fill("not-the-password");
  await codesForm.getByRole("button", { name: "New recovery codes" }).click();
  await dev.getByRole("dialog").getByRole("button", { name: "Make new codes" }).click();
  await expect(codesForm.getByText("That is not your current password.").first()).toBeVisible();
  await codesForm.getByLabel("Or your password").fill(DEMO_PASSWORD);
  await codesForm.getByRole("button", { name: "New recovery codes" }).click();
  await dev.getByRole("dialog").getByRole("button", { name: "Make new codes" }).click();
  const fresh = codesForm.getByTestId("recovery-codes").getByRole("listitem");
  await expect(fresh).toHaveCount(10);
  const second = await fresh.allTextContents();
  expect(second.filter((code) => first.includes(code))).toEqual([]);

  const admin = await signedInWithForm(browser, "admin");
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: "dev", exact: true }).click();
  const card = admin.getByRole("button", { name: "Reset two-factor sign-in" });
  await card.click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toContainText("every session of the account ends");
  await dialog.getByRole("button", { name: "Reset" }).click();
  await expect(admin.getByText(/Two-factor sign-in is off for this account and \d+ sessions? ended/)).toBeVisible();

  // dev's session ended with the reset; their password alone signs them in again.
  await dev.goto("/account");
  await dev.waitForURL(/\/login/);
  await signInWithForm(dev, "dev");
  await dev.goto("/account/security");
  await expect(dev.getByText("Off", { exact: true })).toBeVisible();
});
