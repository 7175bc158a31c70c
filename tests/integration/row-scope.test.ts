// Row scope as one mechanism, for every row-scoped resource of the catalog: the app's WHERE
// (lib/rbac/row-scope.ts), the database's policies (migration 0014) and the rule for one row
// must agree on every row, for every kind of scope and every mix of them; and for viewers resolved
// from random roles, grants, reporting lines and regions, they must be exactly the rows held.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Tx } from "@/db/client";
import { withViewer, type ScopeSubject } from "@/db/scoped";
import { REGIONS } from "@/db/seed";
import { loadViewerById } from "@/lib/auth/principal";
import { listSales } from "@/lib/sales/queries";
import {
  ACTIONS,
  ROW_SCOPE,
  ROW_SCOPED_RESOURCES,
  SCOPES,
  unionReach,
  type Action,
  type BaseRole,
  type Reach,
  type Resource,
  type RowScopedResource,
  type Scope,
} from "@/lib/rbac/catalog";
import { reachesRow, reachPredicate, scopeWhere, type RowColumns, type RowFacts } from "@/lib/rbac/row-scope";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

interface Person {
  id: string;
  username: DemoUsername;
  team: string | null;
}

interface Row extends RowFacts {
  id: string;
}

const TEAMS = ["east", "west", "north", null] as const;

/** The catalog's columns of a resource on the alias `t`. */
function columnsOf(resource: RowScopedResource): RowColumns {
  const owner = sql`t.${sql.identifier(ROW_SCOPE[resource].owner)}`;
  return "region" in ROW_SCOPE[resource] ? { owner, region: sql`t.region` } : { owner };
}

/** A reporting line over everyone: each person reports to someone earlier in a shuffled order, or to nobody. */
const linesArb = fc
  .tuple(
    fc.shuffledSubarray([...Array(64).keys()], { minLength: 64, maxLength: 64 }),
    fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  )
  .map(([order, picks]) => ({ order, picks }));

/** Whom each of the first `count` people reports to, by index; acyclic by construction. */
function managersFrom(lines: { order: number[]; picks: number[] }, count: number): Map<number, number> {
  const ranked = lines.order.filter((i) => i < count);
  const managerOf = new Map<number, number>();
  ranked.forEach((person, rank) => {
    const pick = (lines.picks[rank] ?? 0) % (rank + 1);
    if (pick !== rank) managerOf.set(person, ranked[pick] as number);
  });
  return managerOf;
}

/** What each base role reads of the row-scoped resources, read and list alike (DESIGN.md). */
const BASE_READS: Record<BaseRole, Partial<Record<RowScopedResource, Scope>>> = {
  admin: { sale: "all", report: "all" },
  analyst: { sale: "all", report: "all" },
  developer: { report: "own" },
  viewer: { report: "own" },
};

const EXPIRIES = ["none", "past", "future"] as const;
type Expiry = (typeof EXPIRIES)[number];

/** A permission entry of a custom role or a direct grant; no scope means the holder's own rows. */
interface Entry {
  resource: Resource;
  actions: Action[];
  scope: Scope | null;
}

interface DrawnUser {
  baseRole: BaseRole;
  superuser: boolean;
  team: string | null;
  regions: string[];
}

/** Everything one run sets up, people by their index. */
interface World {
  users: DrawnUser[];
  managerOf: Map<number, number>;
  roles: Entry[][];
  assignments: { who: number; role: number; expiry: Expiry }[];
  grants: (Entry & { who: number; expiry: Expiry; active: boolean })[];
  rows: { resource: RowScopedResource; owner: number; region: string }[];
  /** Whom the run resolves and asks. */
  viewers: number[];
}

const ROLES_PER_RUN = 4;

const entryArb: fc.Arbitrary<Entry> = fc.record({
  resource: fc.constantFrom<Resource>("sale", "report", "export"),
  actions: fc.subarray([...ACTIONS], { minLength: 1 }),
  scope: fc.option(fc.constantFrom(...SCOPES), { nil: null }),
});

/** A world over `count` people; most layers go to the viewers, so each run has layers worth checking. */
function worldArb(count: number): fc.Arbitrary<World> {
  const expiry = fc.constantFrom(...EXPIRIES);
  // Whom a layer is for: a viewer (by position) three times in four, else anyone.
  const target = fc.record({ pick: fc.nat(), toViewer: fc.nat(3).map((n) => n > 0) });
  const userArb = fc.record({
    baseRole: fc.constantFrom<BaseRole>("viewer", "viewer", "viewer", "developer", "developer", "analyst", "admin"),
    superuser: fc.nat(11).map((n) => n === 11),
    team: fc.constantFrom(...TEAMS),
    regions: fc.subarray(REGIONS, { maxLength: 2 }),
  });
  return fc
    .record({
      users: fc.array(userArb, { minLength: count, maxLength: count }),
      lines: linesArb,
      roles: fc.array(fc.array(entryArb, { minLength: 1, maxLength: 3 }), {
        minLength: ROLES_PER_RUN,
        maxLength: ROLES_PER_RUN,
      }),
      assignments: fc.array(fc.record({ target, role: fc.nat({ max: ROLES_PER_RUN - 1 }), expiry }), {
        maxLength: 10,
      }),
      grants: fc.array(fc.tuple(entryArb, fc.record({ target, expiry, active: fc.boolean() })), { maxLength: 8 }),
      rows: fc.array(
        fc.record({
          resource: fc.constantFrom(...ROW_SCOPED_RESOURCES),
          owner: fc.nat({ max: count - 1 }),
          region: fc.constantFrom(...REGIONS),
        }),
        { maxLength: 4 },
      ),
      viewers: fc.uniqueArray(fc.nat({ max: count - 1 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ lines, assignments, grants, viewers, ...world }) => {
      const whoOf = ({ pick, toViewer }: { pick: number; toViewer: boolean }) =>
        toViewer ? (viewers[pick % viewers.length] as number) : pick % count;
      const assigned = new Map(
        assignments.map(({ target: to, ...a }) => {
          const who = whoOf(to);
          return [`${who}:${a.role}`, { ...a, who }];
        }),
      );
      return {
        ...world,
        viewers,
        managerOf: managersFrom(lines, count),
        assignments: [...assigned.values()],
        grants: grants.map(([entry, { target: to, ...layer }]) => ({ ...entry, ...layer, who: whoOf(to) })),
      };
    });
}

/** The kinds of scope a user's live layers hold for (resource, action), worked out from the world alone. */
function heldKinds(world: World, who: number, resource: RowScopedResource, action: Action): Scope[] {
  const user = world.users[who] as DrawnUser;
  if (user.superuser) return ["all"];
  const base = BASE_READS[user.baseRole][resource];
  const entries = [
    ...world.assignments.filter((a) => a.who === who && a.expiry !== "past").flatMap((a) => world.roles[a.role] ?? []),
    ...world.grants.filter((g) => g.who === who && g.active && g.expiry !== "past"),
  ];
  return [
    ...(base ? [base] : []),
    ...entries.filter((e) => e.resource === resource && e.actions.includes(action)).map((e) => e.scope ?? "own"),
  ];
}

/** The user and everyone below them in the world's reporting line. */
function lineBelow(world: World, who: number): Set<number> {
  const line = new Set([who]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [person, manager] of world.managerOf) {
      if (line.has(manager) && !line.has(person)) {
        line.add(person);
        grew = true;
      }
    }
  }
  return line;
}

/** Whether a kind of scope held by `who` reaches a row of `owner`, by the world's teams, line and regions. */
function kindReaches(world: World, who: number, kind: Scope, owner: number, region: string | null): boolean {
  const user = world.users[who] as DrawnUser;
  switch (kind) {
    case "all":
      return true;
    case "own":
      return owner === who;
    case "team":
      // A team scope covers its holder's own rows, and only those when the holder has no team.
      return user.team === null ? owner === who : world.users[owner]?.team === user.team;
    case "reports":
      return lineBelow(world, who).has(owner);
    case "region":
      return region !== null && user.regions.includes(region);
  }
}

const expiresAt = (expiry: Expiry) =>
  expiry === "none" ? sql`null` : expiry === "past" ? sql`now() - interval '1 hour'` : sql`now() + interval '1 day'`;

const PROPERTY_ROW = "Property row";

/** Drops every assignment and grant, and whatever a run of the property made. */
async function clearLayers(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from user_custom_roles`);
  await tx.execute(sql`delete from direct_permission_grants`);
  await tx.execute(sql`delete from custom_roles where name like 'prop-%'`);
  await tx.execute(sql`delete from sales where customer = ${PROPERTY_ROW}`);
  await tx.execute(sql`delete from reports where name = ${PROPERTY_ROW}`);
}

/** Sets each user's base role, superuser flag, team, regions and manager from one JSON array of users. */
const updateUsers = (json: string) =>
  sql`update users u set base_role = d.base_role, is_superuser = d.is_superuser, team = d.team,
      regions = d.regions, manager_id = d.manager_id
    from json_populate_recordset(null::users, ${json}::json) d where u.id = d.id`;

/** Counts the ids in `actual` but not `expected` and the other way round: both must be none. */
function expectSame(actual: readonly string[], expected: ReadonlySet<string>, label: string): void {
  const seen = new Set(actual);
  const extra = actual.filter((id) => !expected.has(id)).length;
  const missing = [...expected].filter((id) => !seen.has(id)).length;
  expect({ extra, missing, rows: actual.length }, label).toEqual({ extra: 0, missing: 0, rows: expected.size });
}

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
        const pairs = [...managersFrom(lines, people.length)].map(
          ([person, manager]) => sql`(${(people[person] as Person).id}::uuid, ${(people[manager] as Person).id}::uuid)`,
        );
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
            const { table } = ROW_SCOPE[resource];
            const expected = rows[resource]
              .filter((row) => reachesRow(subject, reach, row))
              .map((row) => row.id)
              .sort();
            const where = reachPredicate(subject, reach, columnsOf(resource)) ?? sql`false`;
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

  /** Sets the world up as the owner and commits it, so the app's login sees it in its own transactions. */
  async function build(world: World): Promise<void> {
    const idOf = (who: number) => (people[who] as Person).id;
    await test.owner.db.transaction(async (tx) => {
      await clearLayers(tx);
      const users = people.map((person, i) => {
        const user = world.users[i] as DrawnUser;
        const manager = world.managerOf.get(i);
        return {
          id: person.id,
          base_role: user.baseRole,
          is_superuser: user.superuser,
          team: user.team,
          regions: user.regions,
          manager_id: manager === undefined ? null : idOf(manager),
        };
      });
      await tx.execute(updateUsers(JSON.stringify(users)));
      const roleIds: string[] = [];
      for (const [i, entries] of world.roles.entries()) {
        const permissions = entries.map(({ scope, ...entry }) => (scope ? { ...entry, scope } : entry));
        const [role] = await queryRows<{ id: string }>(
          tx,
          sql`insert into custom_roles (name, permissions)
              values (${`prop-${i}`}, ${JSON.stringify(permissions)}::jsonb) returning id`,
        );
        roleIds.push((role as { id: string }).id);
      }
      for (const a of world.assignments) {
        await tx.execute(sql`insert into user_custom_roles (user_id, role_id, expires_at)
          values (${idOf(a.who)}, ${roleIds[a.role]}, ${expiresAt(a.expiry)})`);
      }
      for (const g of world.grants) {
        await tx.execute(sql`insert into direct_permission_grants
            (user_id, resource, actions, scope, expires_at, is_active)
          values (${idOf(g.who)}, ${g.resource}, ${JSON.stringify(g.actions)}::jsonb, ${g.scope},
            ${expiresAt(g.expiry)}, ${g.active})`);
      }
      for (const row of world.rows) {
        await tx.execute(
          row.resource === "sale"
            ? sql`insert into sales (owner_id, customer, product, region, amount, closed_at)
                values (${idOf(row.owner)}, ${PROPERTY_ROW}, 'Widget', ${row.region}, 1, current_date)`
            : sql`insert into reports (owner_id, name, view)
                values (${idOf(row.owner)}, ${PROPERTY_ROW}, '{"sales": {}, "overview": {}}'::jsonb)`,
        );
      }
    });
  }

  /** The ids of each resource the subject sees under row level security alone: no WHERE at all. */
  const underPolicies = (subject: ScopeSubject) =>
    withViewer(subject, async (tx) => {
      const seen: Partial<Record<RowScopedResource, string[]>> = {};
      for (const resource of ROW_SCOPED_RESOURCES) {
        const table = sql.identifier(ROW_SCOPE[resource].table);
        seen[resource] = (await queryRows<{ id: string }>(tx, sql`select t.id from ${table} t`)).map((r) => r.id);
      }
      return seen;
    });

  it("a resolved viewer sees exactly the rows of the scopes their live layers hold, however asked", async () => {
    const [saved] = await queryRows<{ users: string; assignments: string; grants: string }>(
      test.owner.db,
      sql`select (select coalesce(json_agg(t), '[]')::text from users t) as users,
        (select coalesce(json_agg(t), '[]')::text from user_custom_roles t) as assignments,
        (select coalesce(json_agg(t), '[]')::text from direct_permission_grants t) as grants`,
    );
    try {
      await fc.assert(
        fc.asyncProperty(worldArb(people.length), async (world) => {
          await build(world);
          const rows = { sale: await rowsOf("sale"), report: await rowsOf("report") };
          const indexOf = new Map(people.map((person, i) => [person.id, i]));
          for (const who of world.viewers) {
            const person = people[who] as Person;
            // Resolved by the product, through the app's own login, as every request is.
            const viewer = await loadViewerById(test.handle.db, person.id);
            if (!viewer) throw new Error(`${person.username} is not an active user`);
            // The database asked with the context cut to one action, as explainRowAccess asks it.
            const cut = (action: Action): ScopeSubject => ({
              id: viewer.id,
              team: viewer.team,
              regions: viewer.regions,
              scope: (resource, asked) =>
                asked === "read" || asked === "list" ? viewer.scope(resource, action) : null,
            });
            const byPolicy = {
              both: await underPolicies(viewer),
              read: await underPolicies(cut("read")),
              list: await underPolicies(cut("list")),
            };
            for (const resource of ROW_SCOPED_RESOURCES) {
              const held = new Set<string>();
              for (const action of ["read", "list"] as const) {
                const kinds = heldKinds(world, who, resource, action);
                const label = `${resource} ${action} as ${person.username} holding ${kinds.join(",") || "nothing"}`;
                const expected = new Set(
                  rows[resource]
                    .filter((row) =>
                      kinds.some((k) => kindReaches(world, who, k, indexOf.get(row.ownerId) ?? -1, row.region)),
                    )
                    .map((row) => row.id),
                );
                for (const id of expected) held.add(id);
                expect(viewer.can(resource, action), label).toBe(kinds.length > 0);
                const reach = viewer.scope(resource, action);
                const byRule = rows[resource].filter((row) => reachesRow(viewer, reach, row)).map((row) => row.id);
                const where = scopeWhere(viewer, resource, action, columnsOf(resource)) ?? sql`false`;
                const byWhere = await queryRows<{ id: string }>(
                  test.owner.db,
                  sql`select t.id from ${sql.identifier(ROW_SCOPE[resource].table)} t where ${where}`,
                );
                expectSame(byRule, expected, `${label}: the rule for one row`);
                expectSame(
                  byWhere.map((r) => r.id),
                  expected,
                  `${label}: the app's WHERE`,
                );
                expectSame(byPolicy[action][resource] ?? [], expected, `${label}: the policies`);
              }
              // One select policy serves reading one row and listing many: it admits either scope.
              expectSame(byPolicy.both[resource] ?? [], held, `${resource} read or list as ${person.username}`);
            }
          }
        }),
        { numRuns: kind === "pglite" ? 12 : 8 },
      );
    } finally {
      // The demo's layers back as they were, for whatever runs after.
      await test.owner.db.transaction(async (tx) => {
        await clearLayers(tx);
        if (!saved) return;
        await tx.execute(updateUsers(saved.users));
        await tx.execute(sql`insert into user_custom_roles
          select * from json_populate_recordset(null::user_custom_roles, ${saved.assignments}::json)`);
        await tx.execute(sql`insert into direct_permission_grants
          select * from json_populate_recordset(null::direct_permission_grants, ${saved.grants}::json)`);
      });
    }
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

  const allRows = async (username: DemoUsername) => {
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

  it("a team scope without a team still reaches its holder's own rows", async () => {
    const alice = people.viewer("alice");
    // Held with own, team swallows it (team covers own), so team alone must keep the own rows.
    const reach = unionReach(["own"], ["team"]);
    const teamless: ScopeSubject = {
      ...alice,
      team: null,
      scope: (resource, action) => (resource === "sale" && (action === "read" || action === "list") ? reach : null),
    };
    const own = await countWhere(sql`u.username = 'alice'`);
    const where = scopeWhere(teamless, "sale", "read", columnsOf("sale")) ?? sql`false`;
    const [byWhere] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from sales t where ${where}`,
    );
    const [byPolicy] = await withViewer(teamless, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales`),
    );
    expect(reach).toEqual(["team"]);
    expect(own).toBeGreaterThan(0);
    expect(byWhere?.n).toBe(own);
    expect(byPolicy?.n).toBe(own);
    expect(reachesRow(teamless, reach, { ownerId: alice.id, ownerTeam: null, ownerManagers: [], region: "EMEA" })).toBe(
      true,
    );
  });
});
