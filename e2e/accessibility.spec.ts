// axe finds no serious or critical violation on any page, for each kind of demo user, at desktop
// and phone sizes, in the light and the dark theme.
import axe, { type AxeResults } from "axe-core";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  { name: "desktop", viewport: DESKTOP, isMobile: false },
  { name: "phone", viewport: PHONE, isMobile: true },
] as const;

type Size = (typeof SIZES)[number];

interface Finding {
  path: string;
  rule: string;
  impact: string;
  targets: string[];
}

/**
 * The dark theme changes colours and nothing else (app/globals.css swaps the colour variables), so
 * each page, once checked in the light theme with every rule, is switched to dark in place and
 * checked again with the rules that read colours.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Longer than any colour transition of the components, so axe reads the colours they settle on. */
const SETTLE_MS = 300;

type Scheme = "light" | "dark";

/** A path to visit, or a step that navigates and answers a label for the path it reached. */
type Step = string | ((page: Page) => Promise<string>);

/** Serious and critical axe violations on the page as it stands, one line per rule. */
async function seriousViolations(page: Page, path: string, scheme: Scheme): Promise<Finding[]> {
  // axe-core's own script, evaluated in the page (evaluate is not bound by the page's CSP), then run
  // over the whole document, as @axe-core/playwright does. Passing rules are reported without their
  // nodes (resultTypes), which is most of axe's time on a long table.
  const options = {
    resultTypes: ["violations"],
    ...(scheme === "dark" ? { runOnly: { type: "rule", values: COLOUR_RULES } } : {}),
  };
  const results = await page.evaluate(
    (runOptions) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
        document,
        runOptions,
      ),
    options,
  );
  // axe really ran: it checked rules on this page.
  expect(results.passes.length, `axe checked nothing on ${path} (${scheme})`).toBeGreaterThan(0);
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      path: `${path} (${scheme})`,
      rule: violation.id,
      impact: violation.impact ?? "",
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
}

async function openAs(browser: Browser, size: Size, username: string | null) {
  const context = await browser.newContext({
    viewport: size.viewport,
    isMobile: size.isMobile,
    hasTouch: size.isMobile,
    colorScheme: "light",
  });
  const page = await context.newPage();
  if (username) await signIn(page, username);
  return page;
}

const canvasColour = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/**
 * Visits each path (a path, or a step that navigates and answers the path it reached) and checks it
 * in the light theme, then in the dark one unless `lightOnly`.
 */
async function audit(page: Page, steps: Step[], lightOnly: boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const step of steps) {
    let path: string;
    if (typeof step === "string") {
      await page.goto(step);
      path = step;
    } else {
      path = await step(page);
    }
    await expect(page.locator("h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.evaluate(axe.source);
    findings.push(...(await seriousViolations(page, path, "light")));
    if (lightOnly) continue;
    const light = await canvasColour(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(SETTLE_MS);
    // The page really turned dark: the colours checked next are the dark theme's.
    expect(await canvasColour(page), `${path} did not switch to the dark theme`).not.toBe(light);
    findings.push(...(await seriousViolations(page, path, "dark")));
    await page.emulateMedia({ colorScheme: "light" });
  }
  return findings;
}

/** Opens the first sale of the list and answers a label for it. */
async function firstSale(page: Page): Promise<string> {
  await page.goto("/sales");
  const hrefs = await page
    .locator("a[href^='/sales/']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const sale = hrefs.find((href) => /^\/sales\/[0-9a-f-]{36}$/.test(href));
  expect(sale).toBeTruthy();
  await page.goto(sale!);
  return "/sales/:id";
}

/** Opens alice's user page (as an admin) and answers a label for it. */
async function aliceUser(page: Page): Promise<string> {
  await page.goto("/admin/users?q=alice");
  await page.getByRole("link", { name: "alice", exact: true }).first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  return "/admin/users/:alice";
}

async function aliceViewAs(page: Page): Promise<string> {
  await aliceUser(page);
  await page.goto(`${new URL(page.url()).pathname}/view-as`);
  return "/admin/users/:alice/view-as";
}

/** Starts a preview as alice (which also writes an audit row, so the log has a table to check). */
async function aliceViewAsPreview(page: Page): Promise<string> {
  await aliceViewAs(page);
  await page.getByRole("button", { name: "View as Alice Archer" }).click();
  await expect(page.getByTestId("view-as-preview")).toBeVisible();
  return "/admin/users/:alice/view-as?preview=…";
}

/**
 * Who visits what. The dark theme's colour rules run on the pages of the signed-out visitor, alice
 * and the admin, which hold every component carol's and dave's do (`lightOnly`). At phone size
 * (`phoneSteps`) each kind of page is checked once more, where its layout changes (cards for
 * tables, the menu folded): carol and dave add what only their scope shows there.
 */
const PAGES: {
  username: string | null;
  steps: Step[];
  lightOnly?: boolean;
  /** The steps checked at phone size too; all of them when absent. */
  phoneSteps?: Step[];
}[] = [
  { username: null, steps: ["/login"] },
  {
    username: "alice",
    steps: [
      "/",
      "/sales",
      firstSale,
      "/sales/new",
      "/reports",
      "/access/request",
      "/access/requests",
      "/account",
      "/account/security",
      "/account/tokens",
      "/admin/users",
      "/no-such-page",
    ],
  },
  { username: "carol", steps: ["/", "/sales", firstSale, "/sales/new"], lightOnly: true, phoneSteps: ["/sales"] },
  {
    username: "dave",
    steps: ["/", "/sales", firstSale, "/admin/roles", "/admin/roles/analyst"],
    lightOnly: true,
    phoneSteps: ["/admin/roles/analyst"],
  },
  {
    username: "admin",
    steps: [
      "/admin/roles",
      "/admin/roles/new",
      "/admin/roles/sales-rep",
      "/admin/roles/admin",
      "/admin/users",
      aliceUser,
      aliceViewAs,
      aliceViewAsPreview,
      "/admin/expiring",
      "/admin/access-requests",
      "/flags",
      "/admin/audit",
      "/admin/audit?q=alice",
      "/",
      "/sales",
      firstSale,
      "/sales/new",
      "/account",
    ],
    phoneSteps: [
      "/admin/roles",
      "/admin/roles/new",
      "/admin/roles/sales-rep",
      "/admin/users",
      aliceUser,
      aliceViewAsPreview,
      "/admin/expiring",
      "/admin/access-requests",
      "/flags",
      "/admin/audit",
      "/sales",
    ],
  },
];

for (const size of SIZES) {
  for (const { username, steps: allSteps, lightOnly = false, phoneSteps } of PAGES) {
    const steps = size.name === "phone" ? (phoneSteps ?? allSteps) : allSteps;
    const schemes = lightOnly ? "light" : "light and dark";
    test(`axe: no serious or critical violation for ${username ?? "a signed-out visitor"} (${size.name}, ${schemes})`, async ({
      browser,
    }) => {
      test.setTimeout(180_000);
      const page = await openAs(browser, size, username);
      expect(await audit(page, steps, lightOnly)).toEqual([]);
      await page.context().close();
    });
  }
}
