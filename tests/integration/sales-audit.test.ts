// Every sale written through lib/sales leaves exactly one audit row, in the write's own
// transaction, with the row before and after; a refused write leaves none.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createSale, deleteSale, updateSale } from "@/lib/sales/mutations";
import { getSale } from "@/lib/sales/queries";
import { saleJson } from "@/lib/sales/records";
import type { CreateSaleInput } from "@/lib/sales/schemas";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { type DemoPeople, demoPeople, type DemoUsername } from "../support/fixture";

const deal: CreateSaleInput = {
  customer: "Audited Ltd",
  product: "Training",
  region: "EMEA",
  amount: "1200.00",
  status: "open",
  closed_at: "2026-11-15",
};

interface AuditRow {
  action: string;
  actor_username: string;
  target_type: string;
  target_id: string;
  target_label: string;
  before: unknown;
  after: unknown;
}

describe.each(DATABASE_KINDS)("auditing sales writes on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const saleAudit = () =>
    queryRows<AuditRow>(
      test.owner.db,
      sql`select action, actor_username, target_type, target_id, target_label, before, after
        from audit_log where target_type = 'sale' order by created_at, id`,
    );
  /** The audit rows a step adds. */
  const addedBy = async (step: () => Promise<unknown>): Promise<AuditRow[]> => {
    const before = (await saleAudit()).length;
    await step();
    return (await saleAudit()).slice(before);
  };
  const anyRowOf = async (username: DemoUsername) => {
    const [row] = await queryRows<{ id: string }>(
      test.owner.db,
      sql`select id from sales where owner_id = ${people.ids[username]} order by id limit 1`,
    );
    if (!row) throw new Error(`${username} owns no sales`);
    return row.id;
  };

  it("creating a sale writes one audit row: nothing before, the new sale after", async () => {
    let id = "";
    const added = await addedBy(async () => {
      id = (await createSale(people.viewer("alice"), deal)).id;
    });
    const stored = await getSale(people.viewer("admin"), id);
    expect(added).toEqual([
      {
        action: "sale.create",
        actor_username: "alice",
        target_type: "sale",
        target_id: id,
        target_label: "Audited Ltd",
        before: null,
        after: saleJson(stored),
      },
    ]);
  });

  it("editing a sale writes one audit row with the row before and after the change", async () => {
    const id = await anyRowOf("alice");
    const before = saleJson(await getSale(people.viewer("admin"), id));
    const added = await addedBy(() => updateSale(people.viewer("alice"), id, { amount: "4321.00", status: "won" }));
    const after = saleJson(await getSale(people.viewer("admin"), id));
    expect(after).toMatchObject({ amount: 4321, status: "won" });
    expect(added).toEqual([
      {
        action: "sale.update",
        actor_username: "alice",
        target_type: "sale",
        target_id: id,
        target_label: after.customer,
        before,
        after,
      },
    ]);
  });

  it("deleting a sale writes one audit row with the deleted row before and nothing after", async () => {
    const id = await anyRowOf("bob");
    const before = saleJson(await getSale(people.viewer("admin"), id));
    const added = await addedBy(() => deleteSale(people.viewer("admin"), id));
    expect(added).toEqual([
      {
        action: "sale.delete",
        actor_username: "admin",
        target_type: "sale",
        target_id: id,
        target_label: before.customer,
        before,
        after: null,
      },
    ]);
  });

  it("a refused change writes no audit row", async () => {
    const alices = await anyRowOf("alice");
    const bobs = await anyRowOf("bob");
    const erins = await anyRowOf("erin");
    const refusals: [string, () => Promise<unknown>][] = [
      ["a rep deleting their own deal (403)", () => deleteSale(people.viewer("alice"), alices)],
      ["a rep editing another's deal (404)", () => updateSale(people.viewer("alice"), bobs, { status: "won" })],
      ["a rep creating for someone else (422)", () => createSale(people.viewer("alice"), { ...deal, owner_id: bobs })],
      ["a manager editing outside the team (404)", () => updateSale(people.viewer("carol"), erins, { status: "won" })],
      ["a manager creating (403)", () => createSale(people.viewer("carol"), deal)],
      ["an analyst editing (403)", () => updateSale(people.viewer("dave"), erins, { status: "lost" })],
      ["a missing sale (404)", () => deleteSale(people.viewer("admin"), "00000000-0000-4000-8000-000000000000")],
    ];
    for (const [what, refused] of refusals) {
      const added = await addedBy(() => expect(refused()).rejects.toMatchObject({ status: expect.any(Number) }));
      expect(added, what).toEqual([]);
    }
  });

  it("the audit row is part of the write: when it cannot be written, the sale is not written either", async () => {
    await test.owner.db.execute(sql`
      create function refuse_sale_audit() returns trigger language plpgsql as $$
        begin raise exception 'audit unavailable'; end $$`);
    await test.owner.db.execute(sql`
      create trigger refuse_sale_audit before insert on audit_log
        for each row when (new.target_type = 'sale') execute function refuse_sale_audit()`);
    try {
      const count = async () =>
        (await queryRows<{ n: number }>(test.owner.db, sql`select count(*)::int as n from sales`))[0]?.n;
      const salesBefore = await count();
      await expect(createSale(people.viewer("alice"), { ...deal, customer: "Never Stored" })).rejects.toThrow();
      expect(await count()).toBe(salesBefore);

      const id = await anyRowOf("alice");
      const unchanged = saleJson(await getSale(people.viewer("admin"), id));
      await expect(updateSale(people.viewer("alice"), id, { customer: "Never Renamed" })).rejects.toThrow();
      await expect(deleteSale(people.viewer("admin"), id)).rejects.toThrow();
      expect(saleJson(await getSale(people.viewer("admin"), id))).toEqual(unchanged);
    } finally {
      await test.owner.db.execute(sql`drop trigger refuse_sale_audit on audit_log`);
      await test.owner.db.execute(sql`drop function refuse_sale_audit()`);
    }
  });
});
