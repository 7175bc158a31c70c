// What-if before saving: the admin widens a role's sales scope in the role editor, previews who
// gains what and how many deals each would see, and finds that nothing was saved.
import { expect, test } from "@playwright/test";
import { signedIn } from "./support/session";

/** "1,234 → 2,345" as two numbers. */
function counts(text: string): [number, number] {
  const [before, after] = text.split("→").map((side) => Number(side.replace(/[^0-9]/g, "")));
  return [before!, after!];
}

test("the role editor previews a wider scope for everyone holding the role, and saves nothing", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "admin");
  await page.goto("/admin/roles/sales-rep");
  const scope = page.getByRole("combobox", { name: "Scope of Sales" });
  await expect(scope).toHaveValue("own");
  await scope.selectOption("team");

  const preview = page.getByRole("button", { name: "Preview changes" });
  await preview.focus();
  await page.keyboard.press("Enter");
  const table = page.getByRole("table", { name: "Who the change affects" });
  await expect(table).toBeVisible();
  await expect(
    page.getByText(/^Saving would change the access of \d+ people of the \d+ people it reaches/),
  ).toBeVisible();

  // Each rep gains their team's rows and sees more deals after than before; nobody else is listed.
  for (const username of ["alice", "bob", "erin", "frank"]) {
    const row = table.getByRole("row").filter({ hasText: `(${username})` });
    await expect(row).toContainText("Sales");
    const [before, after] = counts((await row.getByRole("cell").last().textContent()) ?? "");
    expect(after, username).toBeGreaterThan(before);
  }
  for (const username of ["carol", "dave", "vera"]) {
    await expect(table.getByRole("row").filter({ hasText: `(${username})` })).toHaveCount(0);
  }

  // An edit withdraws the preview; leaving the page saves nothing.
  await scope.selectOption("all");
  await expect(table).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Scope of Sales" })).toHaveValue("own");
  await page.context().close();
});
