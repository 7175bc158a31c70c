// Two servers (`npm start`'s entry) of one build on one PostgreSQL database, as behind a load balancer:
// a session made on one is honoured by the other, the sign-in throttle counts across both, and a
// server action rendered by one is accepted by the other.
import { expect, test } from "@playwright/test";
import { signInWithForm } from "./support/session";
import { signInFrom } from "./support/sign-in-from";
import { BASE_URL, E2E_DATABASE_URL, SECOND_URL } from "./support/settings";

test.skip(!E2E_DATABASE_URL, "two servers need a shared PostgreSQL database (E2E_DATABASE_URL)");

test("a session made on one server works on the other", async ({ page }) => {
  await signInWithForm(page, "alice");
  await page.goto(`${SECOND_URL}/sales`);
  await expect(page.getByRole("table", { name: "Sales" })).toBeVisible();
  await expect(page.getByText("Alice Archer").first()).toBeVisible();
  await expect(page.getByText("Bob Baker")).toHaveCount(0);
});

test("the sign-in throttle counts failures made on both servers", async () => {
  const login = `nobody-${Date.now()}`;
  // From a loopback address of its own, so these failures lock out no one else in the suite.
  const attempt = (base: string) => signInFrom("127.0.0.3", login, "wrong-password-1", undefined, base);
  for (let i = 0; i < 10; i++) expect(await attempt(i % 2 ? SECOND_URL : BASE_URL)).toContain("code=invalid");
  expect(await attempt(SECOND_URL)).toContain("code=throttled");
  expect(await attempt(BASE_URL)).toContain("code=throttled");
});

test("a server action rendered by one server is accepted by the other", async ({ page }) => {
  await signInWithForm(page, "alice");
  await page.goto("/sales/new");
  // A load balancer that sends the form's post to the other server: the body the browser made from
  // the first server's page goes to the second one, as the same origin (as behind one address).
  let servedBy = "";
  await page.route("**/sales/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({
      url: `${SECOND_URL}/sales/new`,
      headers: { ...route.request().headers(), origin: SECOND_URL },
    });
    servedBy = SECOND_URL;
    return route.fulfill({ response });
  });
  await page.getByLabel("Customer").fill("Two Servers Ltd");
  await page.getByLabel("Product").fill("CRM Pro");
  await page.getByLabel("Region").fill("EMEA");
  await page.getByLabel("Amount").fill("42");
  await page.getByLabel("Closing date").fill("2026-06-01");
  await page.getByRole("button", { name: "Create sale" }).click();
  await page.waitForURL(/\/sales\/[0-9a-f-]{36}\?created=1$/);
  expect(servedBy).toBe(SECOND_URL);
  await expect(page.getByText("Two Servers Ltd").first()).toBeVisible();
});
