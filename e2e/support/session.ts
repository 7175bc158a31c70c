import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./settings";

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** Each demo user's session from their first sign-in in this worker, reused while it lasts. */
const sessions = new Map<string, Cookies>();

/**
 * Signs in through the form, as a person does: for specs about sign-in and sessions themselves,
 * where every call must make a session of its own.
 */
export async function signInWithForm(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Signed in as `username`, landing where the sign-in form lands. The session a demo user got
 * through the form earlier in this worker is reused when the server still accepts it (the
 * sign-in page sends a signed-in visitor on), which spares each test a password hash; a session
 * since ended, by a sign-out or a password change, falls back to the form.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const saved = password === DEMO_PASSWORD ? sessions.get(username) : undefined;
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/login");
    if (!new URL(page.url()).pathname.startsWith("/login")) return;
    sessions.delete(username);
    await page.context().clearCookies();
  }
  await signInWithForm(page, username, password);
  if (password === DEMO_PASSWORD) sessions.set(username, await page.context().cookies());
}

/** A fresh browser context signed in as a demo user. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

/** A fresh browser context with a session of its own, made through the sign-in form. */
export async function signedInWithForm(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithForm(page, username);
  return page;
}

/**
 * The id of the server action a form posts to, as React renders it for browsers without
 * JavaScript: `$ACTION_ID_<id>` for a plain action, or, for a useActionState action (bound to its
 * initial state), `$ACTION_REF_<n>` with the id in the JSON of the hidden field `$ACTION_<n>:0`.
 */
export async function serverActionId(form: Locator): Promise<string> {
  const names = await form
    .locator('input[type="hidden"]')
    .evaluateAll((inputs) =>
      inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]),
    );
  const plain = names.find(([name]) => name!.startsWith("$ACTION_ID_"));
  if (plain) return plain[0]!.slice("$ACTION_ID_".length);
  const bound = names.find(([name]) => /^\$ACTION_\d+:0$/.test(name!));
  if (!bound) throw new Error("the form renders no server action id");
  return (JSON.parse(bound[1]!) as { id: string }).id;
}
