import type { Browser, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./settings";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A fresh browser context signed in as a demo user. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
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
