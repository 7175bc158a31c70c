import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import type { Viewer } from "@/lib/auth/principal";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
const { createSaleAction, deleteSaleAction, updateSaleAction } = await import("@/app/(app)/sales/actions");

const idle = { status: "idle" } as const;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Where a server action redirected to, from the error Next throws for it. */
async function redirectedTo(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: string } | undefined)?.digest ?? "";
  if (!digest.startsWith("NEXT_REDIRECT")) throw new Error(`expected a redirect, got ${String(error)}`);
  return digest.split(";")[2] ?? "";
}

const deal = {
  customer: "Initech",
  product: "Support Plus",
  region: "LATAM",
  amount: "310.00",
  status: "won",
  closed_at: "2026-02-02",
};

describe.each(DATABASE_KINDS)("the sales page's server actions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());
  beforeEach(() => {
    session.viewer = null;
  });

  const rowOf = async (username: DemoUsername) =>
    (
      await queryRows<{ id: string }>(
        test.owner.db,
        sql`select id from sales where owner_id = ${people.ids[username]} order by id limit 1`,
      )
    )[0]?.id as string;

  it("without a session nothing runs", async () => {
    expect(await createSaleAction(idle, form(deal))).toMatchObject({ status: "error" });
  });

  it("a rep's new sale is theirs, and the action redirects to it", async () => {
    session.viewer = people.viewer("alice");
    const target = await redirectedTo(createSaleAction(idle, form({ ...deal, owner_id: "" })));
    const id = /^\/sales\/([0-9a-f-]{36})\?created=1$/.exec(target)?.[1];
    const [row] = await queryRows<{ owner_id: string }>(
      test.owner.db,
      sql`select owner_id from sales where id = ${id}`,
    );
    expect(row?.owner_id).toBe(people.ids.alice);
  });

  it("a closing date in 9999 is refused on its field and saves nothing", async () => {
    session.viewer = people.viewer("alice");
    const state = await createSaleAction(idle, form({ ...deal, customer: "Far Future", closed_at: "9999-12-01" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { closed_at: expect.any(String) } });
    const rows = await queryRows<{ id: string }>(
      test.owner.db,
      sql`select id from sales where customer = 'Far Future'`,
    );
    expect(rows).toEqual([]);
  });

  it("the owner picker cannot be forged: a rep naming bob gets the error on owner_id", async () => {
    session.viewer = people.viewer("alice");
    const state = await createSaleAction(idle, form({ ...deal, owner_id: people.ids.bob }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { owner_id: expect.any(String) } });
  });

  it("invalid fields come back as field errors", async () => {
    session.viewer = people.viewer("alice");
    const state = await createSaleAction(idle, form({ ...deal, amount: "12,5.3.1", closed_at: "" }));
    expect(state.status === "error" && Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["amount", "closed_at"]);
  });

  it("the edit action re-checks the caller: dave gets 403 however the form was reached", async () => {
    session.viewer = people.viewer("dave");
    const state = await updateSaleAction(idle, form({ ...deal, id: await rowOf("bob") }));
    expect(state).toMatchObject({ status: "error", error: expect.stringMatching(/permission/) });
  });

  it("a manager edits within their team; a west row is not found", async () => {
    session.viewer = people.viewer("carol");
    expect(await updateSaleAction(idle, form({ ...deal, id: await rowOf("bob") }))).toEqual({
      status: "success",
      message: "Sale saved.",
    });
    expect(await updateSaleAction(idle, form({ ...deal, id: await rowOf("erin") }))).toMatchObject({
      status: "error",
      error: "Sale not found",
    });
  });

  it("only a holder of sale:delete deletes, and lands back on the list", async () => {
    const id = await rowOf("frank");
    session.viewer = people.viewer("frank");
    expect(await deleteSaleAction(idle, form({ id }))).toMatchObject({ status: "error" });
    session.viewer = people.viewer("admin");
    expect(await redirectedTo(deleteSaleAction(idle, form({ id })))).toBe("/sales");
    expect(await queryRows(test.owner.db, sql`select 1 from sales where id = ${id}`)).toEqual([]);
  });
});
