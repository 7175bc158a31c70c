// A refused form says what to do in people's words, and takes the keyboard to the first problem:
// the console's grant form, the sale form and sign-in alike.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

test("a grant expiring in the past asks for a future expiry, and focus lands on the expiry", async ({ page }) => {
  test.slow();
  await signIn(page, "admin");
  await page.goto("/admin/users?q=vera");
  await page.getByRole("link", { name: "vera", exact: true }).click();
  const form = page.getByRole("form", { name: "Grant a permission" });
  await form.getByLabel("Resource").selectOption("report");
  await form.getByRole("checkbox", { name: "read", exact: true }).check();
  await form.getByLabel(/^Expires/).fill("2020-01-01T10:00");
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(form.getByText("Choose an expiry in the future")).toBeVisible();
  await expect(form.getByLabel(/^Expires/)).toBeFocused();
  await expect(form).not.toContainText("expires_at");
  await expect(form).not.toContainText("Invalid input");
  await expect(form.getByRole("alert").first()).toHaveText("Check the highlighted fields.");
});

test("a grant without any action says so, and focus lands on the actions", async ({ page }) => {
  test.slow();
  await signIn(page, "admin");
  await page.goto("/admin/users?q=vera");
  await page.getByRole("link", { name: "vera", exact: true }).click();
  const form = page.getByRole("form", { name: "Grant a permission" });
  await form.getByLabel("Resource").selectOption("report");
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(form.getByText("Choose at least one action")).toBeVisible();
  await expect(form.getByRole("checkbox", { name: "create" })).toBeFocused();
});

test("a new sale sent empty takes the keyboard to its first missing field", async ({ page }) => {
  test.slow();
  await signIn(page, "alice");
  await page.goto("/sales/new");
  const form = page.getByRole("form", { name: "New sale" });
  await form.getByLabel("Product").fill("Training");
  await form.getByRole("button", { name: "Create sale" }).click();
  await expect(form.getByText("Enter the customer")).toBeVisible();
  await expect(form.getByLabel("Customer")).toBeFocused();
  await expect(form.getByLabel("Product")).not.toHaveAttribute("aria-invalid", "true");
});

test("sign-in without a password says so and puts the cursor in the password field", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill("alice");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toHaveText("Enter your password.");
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Username or email")).not.toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toHaveText("Wrong username, email or password.");
  await expect(page.getByLabel("Username or email")).toBeFocused();
});

test("a refused token form keeps what was typed and chosen, and says what is missing", async ({ page }) => {
  test.slow();
  await signIn(page, "carol");
  await page.goto("/account/tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill("weekly export");
  await form.getByLabel("Expires").selectOption({ label: "in 7 days" });
  await form.getByLabel("Only these permissions (never more than you hold)").check();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Choose at least one permission, or all of yours")).toBeVisible();
  // Nothing typed or chosen is lost to the refusal: the person adds the missing choice and sends again.
  await expect(form.getByLabel("Name")).toHaveValue("weekly export");
  await expect(form.getByLabel("Expires")).toHaveValue("7");
  await expect(form.getByLabel("Only these permissions (never more than you hold)")).toBeChecked();
  await form.getByRole("group", { name: "Permissions" }).getByRole("checkbox").first().check();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByTestId("new-token")).toBeVisible();
  // After a success the form starts afresh for the next token.
  await expect(form.getByLabel("Name")).toHaveValue("");
});
