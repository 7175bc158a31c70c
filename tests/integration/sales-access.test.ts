// Caller × whose row → what GET, PATCH and DELETE /sales/{id} answer. Outside a caller's scope a
// row does not exist for them (404); without the action at all, 403 comes first; a refusal changes
// nothing. alice and bob are on carol's team (east), erin is in the west; victor leads the line
// all three report up to.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { DATABASE_KINDS } from "../support/databases";
import { fixture, type Caller, type DemoUsername, type Fixture } from "../support/fixture";

const MATRIX: [caller: Caller, owner: DemoUsername, get: number, patch: number, remove: number][] = [
  ["alice", "alice", 200, 200, 403],
  ["alice", "bob", 404, 404, 403],
  ["alice", "erin", 404, 404, 403],
  ["bob", "alice", 404, 404, 403],
  ["carol", "alice", 200, 200, 403],
  ["carol", "bob", 200, 200, 403],
  ["carol", "erin", 404, 404, 403],
  ["erin", "alice", 404, 404, 403],
  ["victor", "alice", 200, 403, 403],
  ["victor", "erin", 200, 403, 403],
  ["dave", "alice", 200, 403, 403],
  ["dave", "erin", 200, 403, 403],
  ["vera", "alice", 403, 403, 403],
  ["dev", "erin", 403, 403, 403],
  ["admin", "alice", 200, 200, 204],
  ["admin", "erin", 200, 200, 204],
  ["root", "bob", 200, 200, 204],
  ["anonymous", "alice", 401, 401, 401],
  ["bad token", "erin", 401, 401, 401],
];

describe.each(DATABASE_KINDS)("sales access on %s", (kind) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const saleOf = async (owner: DemoUsername) => {
    const [row] = await queryRows<{ id: string }>(
      f.test.owner.db,
      sql`insert into sales (owner_id, customer, product, region, amount, status, closed_at)
          values (${f.ids[owner]}, 'Matrix Co', 'Analytics', 'EMEA', 100, 'open', '2026-06-01') returning id`,
    );
    return row!.id;
  };
  const stored = async (id: string) =>
    JSON.stringify(await queryRows(f.test.owner.db, sql`select * from sales where id = ${id}`));

  it.each(MATRIX)("%s on %s's row: GET %i, PATCH %i, DELETE %i", async (as, owner, get, patch, remove) => {
    const id = await saleOf(owner);
    const path = `/api/v1/sales/${id}`;
    const before = await stored(id);
    expect((await f.call("GET", path, { as })).status, "GET").toBe(get);
    expect((await f.call("PATCH", path, { as, json: { customer: "Renamed Co" } })).status, "PATCH").toBe(patch);
    if (patch !== 200) expect(await stored(id), "a refused PATCH changes nothing").toBe(before);
    const afterPatch = await stored(id);
    expect((await f.call("DELETE", path, { as })).status, "DELETE").toBe(remove);
    if (remove === 204) expect(await stored(id)).toBe("[]");
    else expect(await stored(id), "a refused DELETE changes nothing").toBe(afterPatch);
  });
});
