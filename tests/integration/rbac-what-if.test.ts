// A preview of an RBAC change against the change itself: the change is really made in a
// transaction that is rolled back, and the users, gains, losses and sale counts it yields must be
// exactly the preview's. The preview itself must change nothing and be refused where the change is.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { previewAccountAction, previewGrantAction } from "@/app/(app)/admin/users/actions";
import { previewRoleAction } from "@/app/(app)/admin/roles/actions";
import { queryRows, type Tx } from "@/db/client";
import { sales } from "@/db/schema";
import type { ScopeSubject } from "@/db/scoped";
import { ACTIONS, RESOURCES, SCOPES, isRowScoped, reachCovers, type Reach, type Resource } from "@/lib/rbac/catalog";
import { loadLayersOf, type UserLayers } from "@/lib/rbac/effective";
import type { EffectivePermissions } from "@/lib/rbac/resolve";
import { rowColumns, scopeWhere } from "@/lib/rbac/row-scope";
import type { PermissionChange, PreviewAction, WhatIfResult } from "@/lib/rbac/what-if-schemas";
import { DATABASE_KINDS } from "../support/databases";
import { session } from "../support/session";
import { type DemoUsername, type Fields, type Fixture, fixture, formData } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const PROBE = "what-if-probe";
const HOLDERS: DemoUsername[] = ["alice", "bob", "carol", "erin", "frank", "dave", "vera", "rita", "victor", "root"];

class RolledBack extends Error {}

/** Gains and losses read off the `permissions()` and `scopes()` views of two resolutions. */
function expectedChanges(before: EffectivePermissions, after: EffectivePermissions) {
  const reachOf = (p: EffectivePermissions, resource: Resource, action: (typeof ACTIONS)[number]): Reach | null =>
    p.scopes()[resource]?.[action] ?? null;
  const holds = (p: EffectivePermissions, resource: Resource, action: (typeof ACTIONS)[number]) =>
    p.permissions()[resource]?.includes(action) ?? false;
  const gains: PermissionChange[] = [];
  const losses: PermissionChange[] = [];
  for (const resource of RESOURCES) {
    for (const action of ACTIONS) {
      if (!isRowScoped(resource)) {
        if (!holds(before, resource, action) && holds(after, resource, action)) gains.push({ resource, action });
        if (holds(before, resource, action) && !holds(after, resource, action)) losses.push({ resource, action });
        continue;
      }
      const was = reachOf(before, resource, action);
      const will = reachOf(after, resource, action);
      for (const scope of will ?? []) if (!reachCovers(was, scope)) gains.push({ resource, action, scope });
      for (const scope of was ?? []) if (!reachCovers(will, scope)) losses.push({ resource, action, scope });
    }
  }
  return { gains, losses };
}

/** The sales a user may list, counted straight from the sales table with the app's WHERE. */
async function scopedCount(tx: Tx, layers: UserLayers): Promise<number> {
  const subject: ScopeSubject = {
    id: layers.user.id,
    team: layers.user.team,
    regions: layers.user.regions,
    scope: (resource, action) => layers.permissions.scope(resource, action),
  };
  const where = scopeWhere(subject, "sale", "list", rowColumns("sale", sales));
  if (!where) return 0;
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales where ${where}`);
  return row?.n ?? 0;
}

describe.each(DATABASE_KINDS)("previewing an RBAC change on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
    const db = f.test.owner.db;
    await db.execute(sql`insert into custom_roles (name, description, permissions)
      values (${PROBE}, 'held by many', '[{"resource":"report","actions":["read"]}]'::jsonb)`);
    for (const username of HOLDERS) {
      await db.execute(sql`insert into user_custom_roles (user_id, role_id)
        select ${f.ids[username]}, id from custom_roles where name = ${PROBE}`);
    }
    // An assignment that has ended: its holder is not reached.
    await db.execute(sql`insert into user_custom_roles (user_id, role_id, expires_at)
      select ${f.ids.dev}, id, now() - interval '1 day' from custom_roles where name = ${PROBE}`);
  });
  afterAll(() => f?.dispose());

  const preview = async (body: unknown, as: DemoUsername = "admin") => {
    const response = await f.call<WhatIfResult>("POST", "/api/v1/rbac/what-if", { as, json: body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  /**
   * Makes the change for real in a transaction that is rolled back, and returns what the preview
   * should have said about `userIds`: each one's changes and counts, the affected sorted by username.
   */
  const actually = async (userIds: string[], apply: (tx: Tx) => Promise<void>) => {
    let outcome: { reached: number; users: WhatIfResult["users"] } | undefined;
    await f.test.owner.db
      .transaction(async (tx) => {
        const before = await loadLayersOf(tx, userIds);
        const counts = await Promise.all(before.map((layers) => scopedCount(tx, layers)));
        await apply(tx);
        const after = await loadLayersOf(tx, userIds);
        const users: WhatIfResult["users"] = [];
        for (const [i, was] of before.entries()) {
          const now = after[i] as UserLayers;
          const { gains, losses } = expectedChanges(was.permissions, now.permissions);
          const moved = was.user.team !== now.user.team || was.user.regions.join() !== now.user.regions.join();
          const rows = { before: counts[i] as number, after: await scopedCount(tx, now) };
          if (gains.length === 0 && losses.length === 0 && !moved && rows.before === rows.after) continue;
          users.push({ user_id: now.user.id, username: now.user.username, name: now.user.name, gains, losses, rows });
        }
        users.sort((a, b) => a.username.localeCompare(b.username));
        outcome = { reached: before.length, users };
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    if (!outcome) throw new Error("the rolled-back change produced nothing");
    return outcome;
  };

  const state = async () =>
    queryRows(
      f.test.owner.db,
      sql`select
        (select count(*)::int from audit_log) as audit,
        (select md5(string_agg(name || permissions::text || updated_at::text, ',' order by name)) from custom_roles) as roles,
        (select md5(string_agg(user_id::text || role_id::text || coalesce(expires_at::text, ''), ',' order by user_id, role_id))
          from user_custom_roles) as assignments,
        (select count(*)::int from direct_permission_grants) as grants,
        (select md5(string_agg(id::text || base_role || coalesce(team, '') || updated_at::text, ',' order by id))
          from users) as users`,
    );

  const entryArb = fc
    .record({
      resource: fc.constantFrom(...RESOURCES),
      actions: fc.subarray([...ACTIONS], { minLength: 1 }),
      scope: fc.option(fc.constantFrom(...SCOPES), { nil: undefined }),
    })
    .map(({ resource, actions, scope }) =>
      isRowScoped(resource) && scope ? { resource, actions, scope } : { resource, actions },
    );

  it("for random role changes, lists exactly the gains, losses and scoped counts of the change itself", async () => {
    const holderIds = HOLDERS.map((username) => f.ids[username]);
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { maxLength: 5 }), async (permissions) => {
        const answer = await preview({ change: "role", role_name: PROBE, permissions });
        const expected = await actually(holderIds, async (tx) => {
          await tx.execute(sql`update custom_roles set permissions = ${JSON.stringify(permissions)}::jsonb
            where name = ${PROBE}`);
        });
        expect(answer.reached).toBe(HOLDERS.length);
        expect(answer.total_affected).toBe(expected.users.length);
        expect(answer.truncated).toBe(false);
        expect(answer.users).toEqual(expected.users);
      }),
      { numRuns: 8, seed: 20261202 },
    );
  });

  it("names sale access gained by a role in full, with the counts before and after", async () => {
    const permissions = [{ resource: "sale", actions: ["list", "read"], scope: "all" }];
    const answer = await preview({ change: "role", role_name: PROBE, permissions });
    const [counted] = await queryRows<{ total: number }>(
      f.test.owner.db,
      sql`select count(*)::int as total from sales`,
    );
    const total = counted?.total;
    const vera = answer.users.find((u) => u.username === "vera");
    expect(vera?.gains).toEqual([
      { resource: "sale", action: "read", scope: "all" },
      { resource: "sale", action: "list", scope: "all" },
    ]);
    expect(vera?.rows).toEqual({ before: 0, after: total });
    expect(answer.users.map((u) => u.username)).not.toContain("root");
    expect(answer.users.map((u) => u.username)).not.toContain("dave");
  });

  it("changes nothing: no audit row, no role, assignment, grant or user touched", async () => {
    const before = await state();
    await preview({ change: "role", role_name: PROBE, permissions: [{ resource: "sale", actions: ["delete"] }] });
    await preview({ change: "grant", user_id: f.ids.vera, resource: "sale", actions: ["list"], scope: "all" });
    await preview({ change: "assignment", user_id: f.ids.vera, role_name: "sales-manager" });
    await preview({ change: "user", user_id: f.ids.carol, base_role: "analyst", team: "west" });
    expect(await state()).toEqual(before);
  });

  it("a direct grant previews as the grant itself would apply", async () => {
    const body = { resource: "sale", actions: ["list"], scope: "team" } as const;
    const answer = await preview({ change: "grant", user_id: f.ids.erin, ...body });
    const expected = await actually([f.ids.erin], async (tx) => {
      await tx.execute(sql`insert into direct_permission_grants (user_id, resource, actions, scope)
        values (${f.ids.erin}, 'sale', '["list"]'::jsonb, 'team')`);
    });
    expect(answer.users).toEqual(expected.users);
    expect(answer.users[0]?.rows.after).toBeGreaterThan(answer.users[0]?.rows.before ?? Infinity);
  });

  it("an assignment previews as the assignment itself would apply", async () => {
    const answer = await preview({ change: "assignment", user_id: f.ids.vera, role_name: "sales-manager" });
    const expected = await actually([f.ids.vera], async (tx) => {
      await tx.execute(sql`insert into user_custom_roles (user_id, role_id)
        select ${f.ids.vera}, id from custom_roles where name = 'sales-manager'`);
    });
    expect(answer.users).toEqual(expected.users);
  });

  it("a move to another team counts the new team's sales and the person's own", async () => {
    const answer = await preview({ change: "user", user_id: f.ids.carol, team: "west" });
    const expected = await actually([f.ids.carol], async (tx) => {
      await tx.execute(sql`update users set team = 'west' where id = ${f.ids.carol}`);
    });
    expect(answer.users).toEqual(expected.users);
    expect(answer.users[0]?.gains).toEqual([]);
  });

  it("a move between teams lists the teammates whose team scope gains or loses the person's sales", async () => {
    const everyone = Object.values(f.ids);
    const moves = [
      { who: "alice", team: "west" },
      { who: "erin", team: "east" },
      { who: "bob", team: null },
    ] as const;
    for (const { who, team } of moves) {
      const answer = await preview({ change: "user", user_id: f.ids[who], team });
      const expected = await actually(everyone, async (tx) => {
        await tx.execute(sql`update users set team = ${team} where id = ${f.ids[who]}`);
      });
      expect(answer.users, `${who} to ${team}`).toEqual(expected.users);
      const carol = answer.users.find((u) => u.username === "carol");
      expect(carol, `${who} to ${team}`).toMatchObject({ gains: [], losses: [] });
      if (who === "erin") expect(carol?.rows.after).toBeGreaterThan(carol?.rows.before ?? Infinity);
      else expect(carol?.rows.after).toBeLessThan(carol?.rows.before ?? -Infinity);
    }
  });

  it("a new base role previews as the update itself would apply", async () => {
    const answer = await preview({ change: "user", user_id: f.ids.vera, base_role: "analyst" });
    const expected = await actually([f.ids.vera], async (tx) => {
      await tx.execute(sql`update users set base_role = 'analyst' where id = ${f.ids.vera}`);
    });
    expect(answer.users).toEqual(expected.users);
    expect(answer.users[0]?.gains).toContainEqual({ resource: "sale", action: "list", scope: "all" });
  });

  it("the console's forms preview what the API previews for the same change", async () => {
    /** A console form's "Preview changes", posted by the admin. */
    const previewed = async (action: PreviewAction, fields: Fields) => {
      session.viewer = await f.viewer("admin");
      try {
        const state = await action(formData(fields));
        if (state.status !== "ready") throw new Error(`the preview was refused: ${JSON.stringify(state)}`);
        return state.result;
      } finally {
        session.viewer = null;
      }
    };
    const role = { role_name: PROBE, "perm:sale:list": "on", "scope:sale": "team" };
    expect(await previewed(previewRoleAction, role)).toEqual(
      await preview({
        change: "role",
        role_name: PROBE,
        permissions: [{ resource: "sale", actions: ["list"], scope: "team" }],
      }),
    );
    const grant = { user_id: f.ids.vera, resource: "sale", actions: "list", scope: "all" };
    expect(await previewed(previewGrantAction, grant)).toEqual(
      await preview({ change: "grant", user_id: f.ids.vera, resource: "sale", actions: ["list"], scope: "all" }),
    );
    const account = { user_id: f.ids.carol, base_role: "viewer", team: "" };
    expect(await previewed(previewAccountAction, account)).toEqual(
      await preview({ change: "user", user_id: f.ids.carol, base_role: "viewer", team: null }),
    );
  });

  it("is refused to anyone but an admin, as the change itself", async () => {
    const body = { change: "role", role_name: PROBE, permissions: [] };
    for (const as of ["carol", "dave", "dev", "vera"] as const) {
      expect((await f.call("POST", "/api/v1/rbac/what-if", { as, json: body })).status).toBe(403);
    }
    expect((await f.call("POST", "/api/v1/rbac/what-if", { as: "anonymous", json: body })).status).toBe(401);
    expect((await f.call("POST", "/api/v1/rbac/what-if", { as: "root", json: body })).status).toBe(200);
  });

  it("answers 422 for input the change would refuse, naming the field", async () => {
    const bad: unknown[] = [
      {},
      { change: "rename" },
      { change: "role", role_name: PROBE, permissions: "all of them" },
      { change: "role", role_name: PROBE, permissions: [{ resource: "experiment", actions: ["read"], scope: "all" }] },
      { change: "role", role_name: PROBE, permissions: [{ resource: "sale", actions: [] }] },
      { change: "grant", user_id: "not-a-uuid", resource: "sale", actions: ["read"] },
      { change: "grant", user_id: f.ids.vera, resource: "sale", actions: ["read"], expires_at: "2001-01-01T00:00:00Z" },
      { change: "user", user_id: f.ids.vera, base_role: "owner" },
      { change: "user", user_id: f.ids.vera, is_superuser: true },
    ];
    for (const json of bad) {
      const response = await f.call<{ detail: string; errors: unknown[] }>("POST", "/api/v1/rbac/what-if", {
        as: "admin",
        json,
      });
      expect(response.status, JSON.stringify(json)).toBe(422);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    const malformed = await f.call("POST", "/api/v1/rbac/what-if", { as: "admin", raw: "{" });
    expect(malformed.status).toBe(422);
  });

  it("answers 404 for a role or user that does not exist and 400 for a system role", async () => {
    const call = (json: unknown) => f.call("POST", "/api/v1/rbac/what-if", { as: "admin", json });
    expect((await call({ change: "role", role_name: "no-such-role", permissions: [] })).status).toBe(404);
    expect((await call({ change: "role", role_name: "viewer", permissions: [] })).status).toBe(400);
    expect((await call({ change: "assignment", user_id: f.ids.vera, role_name: "analyst" })).status).toBe(400);
    const nobody = "00000000-0000-4000-8000-000000000000";
    expect((await call({ change: "grant", user_id: nobody, resource: "sale", actions: ["read"] })).status).toBe(404);
  });
});
