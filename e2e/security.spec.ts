// The Content-Security-Policy in the browser: scripts run only with the response's nonce, and
// every page still hydrates and responds under that policy.
import { expect, test, type Page } from "@playwright/test";
import { serverActionId, signedIn } from "./support/session";
import { DEMO_PASSWORD } from "./support/settings";

/** A page's response or an API request's: both expose their headers. */
type WithHeaders = { headers(): Record<string, string> } | null;

/** The script-src directive of a response's policy. */
function scriptSrc(response: WithHeaders): string {
  const policy = response?.headers()["content-security-policy"] ?? "";
  return (
    policy
      .split(";")
      .map((directive) => directive.trim())
      .find((directive) => directive.startsWith("script-src")) ?? ""
  );
}

/** Records every CSP violation the page reports, as events and as console messages. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
  });
  return violations;
}

/** React has hydrated the page: its elements carry React's own properties. */
async function expectHydrated(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const element = document.querySelector("main button, main a, form, nav a");
        return !!element && Object.keys(element).some((key) => key.startsWith("__reactFiber"));
      }),
    )
    .toBe(true);
}

function expectNonceOnly(response: WithHeaders): void {
  const directive = scriptSrc(response);
  expect(directive).toMatch(/'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
  expect(directive).not.toContain("'unsafe-inline'");
  expect(directive).not.toContain("'unsafe-eval'");
}

test("each response's policy carries a fresh script nonce and no 'unsafe-inline'", async ({ request }) => {
  const first = scriptSrc(await request.get("/login"));
  const second = scriptSrc(await request.get("/login"));
  expect(first).toContain("'nonce-");
  expect(first).not.toEqual(second);
  const html = await (await request.get("/login")).text();
  // Next.js puts the request's nonce on its own scripts: none is left without one.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !/\snonce="/.test(tag))).toEqual([]);
});

test("sign-in works under the policy and reports no violation", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const violations = await watchViolations(page);
  const response = await page.goto("/login");
  expectNonceOnly(response);
  await expectHydrated(page);
  await page.getByLabel("Username or email").fill("vera");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toBeVisible();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the overview, sales and admin pages hydrate, navigate and report no violation", async ({ browser }) => {
  // Six pages, each loaded and then left by a client-side click.
  test.setTimeout(90_000);
  const page = await signedIn(browser, "admin");
  const violations = await watchViolations(page);
  for (const [path, next] of [
    ["/", "Sales"],
    ["/sales", "Overview"],
    ["/admin/roles", "Users"],
    ["/admin/users", "Audit log"],
    // Pages whose client code holds zod schemas (the sale form, the expiry editor).
    ["/sales/new", "Overview"],
    ["/admin/expiring", "Roles"],
  ] as const) {
    const response = await page.goto(path);
    expectNonceOnly(response);
    await expectHydrated(page);
    // A click handled by the client router: the page is not reloaded, so the marker survives.
    await page.evaluate(() => Object.assign(window, { cspMarker: true }));
    await page.getByRole("navigation").getByRole("link", { name: next, exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => "cspMarker" in window)).toBe(true);
  }
  // The charts of the overview render (recharts sets inline styles, which the policy allows).
  await page.goto("/");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the production server pins HTTPS and switches off the browser features it never uses", async ({ request }) => {
  for (const path of ["/login", "/api/health", "/no-such-page"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
    const policy = headers["permissions-policy"] ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(policy, path).toContain(`${feature}=()`);
    }
  }
});

test("a server action post that React could not have made is a 400 or a form message, never a 500", async ({
  page,
}) => {
  await page.goto("/login");
  const id = await serverActionId(page.locator("form").first());
  const part = (name: string, value: string) =>
    `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--xyz--\r\n`;
  const post = (contentType: string, body: string) =>
    page.request.post("/login", {
      headers: { "Next-Action": id, "Content-Type": contentType, Origin: new URL(page.url()).origin },
      data: body,
    });
  for (const [contentType, body] of [
    ["text/plain;charset=UTF-8", "garbage"],
    ["text/plain;charset=UTF-8", "["],
    ["application/json", "{"],
    ["text/plain;charset=UTF-8", '{"a":1}'],
    ["multipart/form-data; boundary=xyz", "garbage"],
    ["multipart/form-data; boundary=xyz", part("x", "hello")],
    ["multipart/form-data; boundary=xyz", part("0", "not json")],
  ] as const) {
    expect((await post(contentType, body)).status(), `${contentType}: ${body}`).toBe(400);
  }
  // Well-formed, but not the form's arguments: the form's own message, as a 200.
  for (const body of ['["$@1"]', "[null, null]", "[]"]) {
    const response = await post("text/plain;charset=UTF-8", body);
    expect(response.status(), body).toBe(200);
    expect(await response.text(), body).toContain("This form could not be read");
  }
  // The real form still signs in.
  await page.getByLabel("Username or email").fill("alice");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
});
