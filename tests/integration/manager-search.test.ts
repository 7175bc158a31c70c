// The reporting-line form's "Reports to" asks GET /admin/users/managers?q=&exclude= as one types,
// instead of the page sending every person. It answers active people only, a few at a time,
// never the user being edited, to anyone who may list users, and refuses everyone else and input
// the database cannot take.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/(app)/admin/users/managers/route";
import { queryRows } from "@/db/client";
import { listOrgChoices, MANAGER_SUGGESTIONS, suggestManagers } from "@/lib/rbac/users";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { session } from "../support/session";
import { type DemoPeople, demoPeople, type DemoUsername } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});

const usernames = (people: { username: string }[]) => people.map((person) => person.username);

describe.each(DATABASE_KINDS)("the manager suggestions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  /** Every active person by username, read as the owner, apart from the app. */
  let active: string[];

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    // One person who may not be chosen any more.
    await test.owner.db.execute(sql`update users set is_active = false where username = 'frank'`);
    const rows = await queryRows<{ username: string }>(
      test.owner.db,
      sql`select username from users where is_active order by username`,
    );
    active = rows.map((row) => row.username);
  });
  afterAll(() => test?.dispose());

  const ask = async (username: DemoUsername | null, query: string) => {
    session.viewer = username ? people.viewer(username) : null;
    const response = await GET(new Request(`http://localhost/admin/users/managers${query}`));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("suggest active people by username, never the user being edited nor a deactivated one", async () => {
    const { status, body } = await ask("admin", `?exclude=${people.ids.alice}`);
    expect(status).toBe(200);
    expect(body).toEqual({ people: expect.any(Array), more: false });
    const suggested = usernames(body.people as { username: string }[]);
    expect(suggested).toEqual(active.filter((username) => username !== "alice"));
    expect(suggested).not.toContain("frank");
  });

  it("match a part of the name or the username, case aside, wildcards as letters", async () => {
    const admin = people.viewer("admin");
    expect(usernames((await suggestManagers(admin, { q: "CAR" })).people)).toEqual(["carol"]);
    expect(usernames((await suggestManagers(admin, { q: "diaz" })).people)).toEqual(["dave"]);
    expect((await suggestManagers(admin, { q: "%" })).people).toEqual([]);
    expect((await suggestManagers(admin, { q: "frank" })).people).toEqual([]);
  });

  it("send a few at a time and say when more match", async () => {
    await test.owner.db.execute(sql`
      insert into users (username, name, email, password_hash, base_role)
      select 'extra' || n, 'Extra Person ' || n, 'extra' || n || '@example.invalid', 'x', 'viewer'
      from generate_series(1, ${MANAGER_SUGGESTIONS + 5}) n`);
    const found = await suggestManagers(people.viewer("admin"), { q: "extra" });
    expect(found.people).toHaveLength(MANAGER_SUGGESTIONS);
    expect(found.more).toBe(true);
    expect(usernames(found.people)).toEqual([...usernames(found.people)].sort());
  });

  it("name the person the user reports to now, even once they are deactivated, and every region of a sale", async () => {
    const admin = people.viewer("admin");
    expect((await listOrgChoices(admin, people.ids.frank)).manager?.username).toBe("frank");
    const { manager, regions } = await listOrgChoices(admin, null);
    expect(manager).toBeNull();
    const counted = await queryRows<{ region: string }>(
      test.owner.db,
      sql`select distinct region from sales order by 1`,
    );
    expect(regions).toEqual(counted.map((row) => row.region));
    expect(regions.length).toBeGreaterThan(1);
  });

  it("refuse whoever may not list users, the signed-out, and input it cannot take", async () => {
    for (const username of ["alice", "carol", "vera"] as const) expect((await ask(username, "")).status).toBe(403);
    expect((await ask(null, "?q=ca")).status).toBe(401);
    for (const query of ["?q=ca%00rol", `?q=${"a".repeat(101)}`, "?exclude=nobody", "?q=ca&team=east"]) {
      const { status, body } = await ask("admin", query);
      expect({ query, status }).toEqual({ query, status: 422 });
      expect(JSON.stringify(body.errors)).toMatch(/"field":"(q|exclude|body)"/);
    }
  });
});
