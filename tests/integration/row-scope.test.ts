// Row scope as one mechanism, for every row-scoped resource of the catalog: the app's WHERE
// (lib/rbac/row-scope.ts), the database's policies (migration 0014) and the rule for one row
// must agree on every row, for every kind of scope and every mix of them.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { withViewer, type ScopeSubject } from "@/db/scoped";
import { REGIONS } from "@/db/seed";
import { listSales } from "@/lib/sales/queries";
import { ROW_SCOPE, ROW_SCOPED_RESOURCES, SCOPES, unionReach, type Reach, type Scope } from "@/lib/rbac/catalog";
import { reachesRow, reachPredicate, type RowFacts } from "@/lib/rbac/row-scope";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople } from "./sales-support";

interface Person {
  id: string;
  username: string;
  team: string | null;
}

interface Row extends RowFacts {
  id: string;
}

const TEAMS = ["east", "west", "north", null] as const;

describe.each(DATABASE_KINDS)("row scope on %s", (kind) => {
  let test: TestDatabase;
  let people: Person[];

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await queryRows<Person>(test.owner.db, sql`select id, username, team from users order by username`);
    // Reports owned by everyone in turn, so every scope has rows to reach and rows to miss.
    await test.owner.db.execute(sql`insert into reports (owner_id, name, view)
      select u.id, 'Report ' || n || ' of ' || u.username, '{"sales": {}, "overview": {}}'::jsonb
      from users u cross join generate_series(1, 2) n`);
  });
  afterAll(() => test?.dispose());

  /** Every row of a resource with what decides its scope, read by the owner. */
  async function rowsOf(resource: keyof typeof ROW_SCOPE): Promise<Row[]> {
    const { table, owner } = ROW_SCOPE[resource];
    const region = "region" in ROW_SCOPE[resource] ? sql.identifier("region") : sql`null`;
    const rows = await queryRows<{ id: string; owner_id: string; team: string | null; region: string | null }>(
      test.owner.db,
      sql`select t.id, t.${sql.identifier(owner)} as owner_id, u.team, ${region}::text as region
          from ${sql.identifier(table)} t join users u on u.id = t.${sql.identifier(owner)}`,
    );
    const managers = await queryRows<{ id: string; manager_id: string | null }>(
      test.owner.db,
      sql`select id, manager_id from users`,
    );
    const managerOf = new Map(managers.map((m) => [m.id, m.manager_id]));
    const chain = (id: string): string[] => {
      const line: string[] = [];
      for (let next = managerOf.get(id); next && !line.includes(next); next = managerOf.get(next)) line.push(next);
      return line;
    };
    return rows.map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      ownerTeam: r.team,
      ownerManagers: chain(r.owner_id),
      region: r.region,
    }));
  }

  /** A reporting line over everyone: each person reports to someone earlier in a shuffled order, or to nobody. */
  const linesArb = fc
    .tuple(
      fc.shuffledSubarray([...Array(64).keys()], { minLength: 64, maxLength: 64 }),
      fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    )
    .map(([order, picks]) => ({ order, picks }));

  const reachArb: fc.Arbitrary<Reach | null> = fc
    .subarray([...SCOPES], { maxLength: 3 })
    .map((kinds) => unionReach(kinds as Scope[], null));

  const subjectArb = fc.record({
    who: fc.nat(),
    team: fc.constantFrom(...TEAMS),
    regions: fc.subarray(REGIONS, { maxLength: 2 }),
    sale: reachArb,
    report: reachArb,
  });

  it("the app's WHERE, the policies and the rule for one row agree on every row", async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.array(subjectArb, { minLength: 1, maxLength: 3 }), async (lines, subjects) => {
        // The reporting line for this run, set as the owner; acyclic by construction.
        const ranked = lines.order.filter((i) => i < people.length).map((i) => people[i] as Person);
        const pairs = ranked.flatMap((person, rank) => {
          const pick = (lines.picks[rank] ?? 0) % (rank + 1);
          return pick === rank ? [] : [sql`(${person.id}::uuid, ${(ranked[pick] as Person).id}::uuid)`];
        });
        await test.owner.db.transaction(async (tx) => {
          await tx.execute(sql`update users set manager_id = null`);
          if (pairs.length > 0) {
            await tx.execute(sql`update users u set manager_id = m.manager
              from (values ${sql.join(pairs, sql`, `)}) as m(person, manager) where u.id = m.person`);
          }
        });
        const rows = { sale: await rowsOf("sale"), report: await rowsOf("report") };
        for (const drawn of subjects) {
          const person = people[drawn.who % people.length] as Person;
          const subject: ScopeSubject = {
            id: person.id,
            team: drawn.team,
            regions: drawn.regions,
            scope: (resource, action) =>
              action === "read" && (resource === "sale" || resource === "report") ? drawn[resource] : null,
          };
          for (const resource of ROW_SCOPED_RESOURCES) {
            const reach = subject.scope(resource, "read");
            const { table, owner } = ROW_SCOPE[resource];
            const expected = rows[resource]
              .filter((row) => reachesRow(subject, reach, row))
              .map((row) => row.id)
              .sort();
            const columns = {
              owner: sql`t.${sql.identifier(owner)}`,
              ...("region" in ROW_SCOPE[resource] ? { region: sql`t.region` } : {}),
            };
            const where = reachPredicate(subject, reach, columns) ?? sql`false`;
            const byWhere = await queryRows<{ id: string }>(
              test.owner.db,
              sql`select t.id from ${sql.identifier(table)} t where ${where} order by 1`,
            );
            // Row level security alone: no WHERE at all.
            const byPolicy = await withViewer(subject, (tx) =>
              queryRows<{ id: string }>(tx, sql`select t.id from ${sql.identifier(table)} t order by 1`),
            );
            const label = `${resource} as ${person.username} with ${JSON.stringify(reach)}`;
            expect(byWhere.map((r) => r.id).sort(), label).toEqual(expected);
            expect(byPolicy.map((r) => r.id).sort(), label).toEqual(expected);
          }
        }
      }),
      { numRuns: kind === "pglite" ? 10 : 6 },
    );
  }, 300_000);
});

describe.each(DATABASE_KINDS)("the demo's reporting line and regions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const allRows = async (username: string) => {
    const owners = new Map<string, number>();
    const regions = new Set<string>();
    for (let page = 1; ; page++) {
      const result = await listSales(people.viewer(username), {
        filters: {},
        sort: { column: "closed_at", descending: true },
        page,
        pageSize: 100,
      });
      for (const item of result.items) {
        owners.set(item.ownerUsername, (owners.get(item.ownerUsername) ?? 0) + 1);
        regions.add(item.region);
      }
      if (page * result.pageSize >= result.total) return { owners, regions, total: result.total };
    }
  };

  const countWhere = async (condition: ReturnType<typeof sql>) => {
    const [row] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from sales s join users u on u.id = s.owner_id where ${condition}`,
    );
    return row?.n ?? -1;
  };

  it("victor sees exactly the sales of carol, alice, bob, erin and frank", async () => {
    const seen = await allRows("victor");
    expect([...seen.owners.keys()].sort()).toEqual(["alice", "bob", "carol", "erin", "frank"]);
    expect(seen.total).toBe(await countWhere(sql`u.username in ('alice', 'bob', 'carol', 'erin', 'frank')`));
  });

  it("carol sees her team; a rep only their own, never the rest of the line", async () => {
    expect([...(await allRows("carol")).owners.keys()].sort()).toEqual(["alice", "bob", "carol"]);
    expect([...(await allRows("alice")).owners.keys()]).toEqual(["alice"]);
  });

  it("rita sees exactly EMEA's sales, whoever owns them", async () => {
    const seen = await allRows("rita");
    expect([...seen.regions]).toEqual(["EMEA"]);
    expect(seen.total).toBe(await countWhere(sql`s.region = 'EMEA'`));
    expect(seen.owners.size).toBeGreaterThan(1);
  });

  it("region from one role and team from another add up to the union", async () => {
    const carol = people.viewer("carol");
    const both: ScopeSubject = {
      ...carol,
      regions: ["APAC"],
      scope: (resource, action) =>
        resource === "sale" && (action === "read" || action === "list") ? ["region", "team"] : null,
    };
    const [row] = await withViewer(both, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales`),
    );
    const union = await countWhere(sql`u.team = 'east' or s.region = 'APAC'`);
    expect(row?.n).toBe(union);
    expect(union).toBeGreaterThan(await countWhere(sql`u.team = 'east'`));
    expect(union).toBeGreaterThan(await countWhere(sql`s.region = 'APAC'`));
  });
});
