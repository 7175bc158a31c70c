// "Expiring soon": what ends within the week is listed (and nothing else), an admin extends an item
// with a reason (one audit row, its true before/after), everyone else is refused, bad input changes
// nothing; and the audit log records an item that lapses as "expired", exactly once, apart from
// one that was revoked.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { extendAction } from "@/app/(app)/admin/expiring/actions";
import { queryRows } from "@/db/client";
import { auditSentenceText } from "@/lib/rbac/audit-sentence";
import type { ExpiringPage, ExtendResult } from "@/lib/rbac/expiring-schemas";
import { recordExpiries } from "@/lib/rbac/expiry-audit";
import type { AuditPage } from "@/lib/rbac/schemas";
import { createRole, listAudit, listExpiring } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { type DemoUsername, type Fields, type Fixture, fixture, post } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const ROLE = "quarter-close";
const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DATABASE_KINDS)("expiring grants and assignments on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
    await createRole(await f.viewer("admin"), {
      name: ROLE,
      permissions: [{ resource: "report", actions: ["read", "list"] }],
    });
  });
  afterAll(() => f?.dispose());

  const owner = () => f.test.owner.db;

  /** A grant ending `interval` from now on the database clock (null: never), made as the owner. */
  async function grantEnding(user: DemoUsername, resource: string, interval: string | null): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      owner(),
      sql`insert into direct_permission_grants (user_id, resource, actions, reason, expires_at)
        values (${f.ids[user]}, ${resource}, '["read"]'::jsonb, 'for the close',
          ${interval === null ? null : sql`now() + ${interval}::interval`})
        returning id`,
    );
    return row!.id;
  }

  /** The role assignment of ROLE to `user`, ending `interval` from now, made as the owner. */
  async function assignmentEnding(user: DemoUsername, interval: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      owner(),
      sql`insert into user_custom_roles (user_id, role_id, reason, expires_at)
        select ${f.ids[user]}, id, 'month end', now() + ${interval}::interval from custom_roles where name = ${ROLE}
        on conflict (user_id, role_id) do update set expires_at = excluded.expires_at
        returning id`,
    );
    return row!.id;
  }

  const endOf = async (table: "direct_permission_grants" | "user_custom_roles", id: string) => {
    // In milliseconds, as the app reads it.
    const [row] = await queryRows<{ ms: string }>(
      owner(),
      sql`select (extract(epoch from date_trunc('milliseconds', expires_at)) * 1000)::bigint::text as ms
        from ${sql.identifier(table)} where id = ${id}`,
    );
    return row ? Number(row.ms) : null;
  };

  const auditRows = (action: string, itemId: string) =>
    queryRows<{ actor_username: string | null; reason: string | null; before: unknown; after: unknown }>(
      owner(),
      sql`select actor_username, reason, before, after from audit_log
        where action = ${action} and before ->> 'id' = ${itemId} order by created_at, id`,
    );

  const state = () =>
    queryRows(
      owner(),
      sql`select (select json_agg(g order by id) from direct_permission_grants g) as grants,
        (select json_agg(a order by id) from user_custom_roles a) as assignments,
        (select count(*)::int from audit_log) as audits`,
    ).then(JSON.stringify);

  it("lists what ends within 7 days, soonest first, and not what ends later, has ended or was revoked", async () => {
    const inAnHour = await grantEnding("alice", "export", "1 hour");
    const inThreeDays = await assignmentEnding("bob", "3 days");
    const inTenDays = await grantEnding("alice", "audit_log", "10 days");
    const ended = await grantEnding("carol", "export", "-1 minute");
    const never = await grantEnding("carol", "audit_log", null);
    const revoked = await grantEnding("erin", "feature_flag", "2 days");
    expect(
      (await f.call("DELETE", `/api/v1/rbac/users/${f.ids.erin}/grant/feature_flag`, { as: "admin" })).status,
    ).toBe(200);

    const listed = await f.call<ExpiringPage>("GET", "/api/v1/rbac/expiring", { as: "admin" });
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([inAnHour, inThreeDays]));
    expect(ids.indexOf(inAnHour)).toBeLessThan(ids.indexOf(inThreeDays));
    for (const missing of [inTenDays, ended, never, revoked]) expect(ids).not.toContain(missing);
    const ends = listed.body.items.map((item) => Date.parse(item.expires_at));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    expect(listed.body.items.find((item) => item.id === inThreeDays)).toMatchObject({
      kind: "assignment",
      role: ROLE,
      username: "bob",
      reason: "month end",
    });
    expect(listed.body.items.find((item) => item.id === inAnHour)).toMatchObject({
      kind: "grant",
      resource: "export",
      actions: ["read"],
      username: "alice",
    });

    // The page reads the same list; an analyst may read it too, a viewer may not.
    const page = await listExpiring(await f.viewer("dave"), { page: 1, page_size: 1 });
    expect(page).toMatchObject({ total: listed.body.total, page_size: 1 });
    expect(page.items[0]?.id).toBe(listed.body.items[0]?.id);
    expect((await f.call("GET", "/api/v1/rbac/expiring", { as: "vera" })).status).toBe(403);
  });

  it("extends a grant from the form by 7 days with one audit row telling the true before and after", async () => {
    const id = await grantEnding("frank", "export", "2 days");
    const before = (await endOf("direct_permission_grants", id))!;
    const admin = await f.viewer("admin");
    const answer = await post(
      extendAction,
      { kind: "grant", id, extend: "7", reason: "close runs late", time_zone: "UTC" },
      admin,
    );
    expect(answer).toMatchObject({ status: "success" });
    expect(await endOf("direct_permission_grants", id)).toBe(before + 7 * DAY);
    const [row, ...more] = await auditRows("grant.extend", id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      actor_username: "admin",
      reason: "close runs late",
      before: { id, resource: "export", expires_at: new Date(before).toISOString() },
      after: { id, resource: "export", expires_at: new Date(before + 7 * DAY).toISOString() },
    });
    const log = await listAudit(admin, { target_id: f.ids.frank, action: "grant.extend" });
    expect(auditSentenceText(log.items[0]!)).toMatch(/^admin extended frank's grant of Exports: read until /);
  });

  it("extends a role assignment over REST to a chosen end", async () => {
    const id = await assignmentEnding("erin", "1 day");
    const before = (await endOf("user_custom_roles", id))!;
    const until = new Date(Date.now() + 20 * DAY).toISOString();
    const extended = await f.call<ExtendResult>("PATCH", `/api/v1/rbac/assignments/${id}`, {
      as: "admin",
      json: { expires_at: until, reason: "stays for the audit" },
    });
    expect(extended).toMatchObject({
      status: 200,
      body: { status: "extended", kind: "assignment", id, previous_expires_at: new Date(before).toISOString() },
    });
    expect(await endOf("user_custom_roles", id)).toBe(Date.parse(until));
    const [row, ...more] = await auditRows("role.assignment_extend", id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      reason: "stays for the audit",
      before: { role: ROLE, expires_at: new Date(before).toISOString() },
      after: { role: ROLE, expires_at: until },
    });
  });

  it("refuses anyone but an admin, an analyst who may read the list included, changing nothing", async () => {
    const id = await grantEnding("bob", "export", "3 days");
    const unchanged = await state();
    for (const caller of ["vera", "dave", "dev"] as const) {
      const refused = await f.call("PATCH", `/api/v1/rbac/grants/${id}`, {
        as: caller,
        json: { add_days: 7, reason: "please" },
      });
      expect(refused.status, caller).toBe(403);
    }
    expect((await f.call("PATCH", `/api/v1/rbac/grants/${id}`, { json: { add_days: 7, reason: "x" } })).status).toBe(
      401,
    );
    const fromForm = await post(
      extendAction,
      { kind: "grant", id, extend: "30", reason: "please" },
      await f.viewer("dave"),
    );
    expect(fromForm).toMatchObject({ status: "error" });
    expect(await state()).toBe(unchanged);
  });

  it("answers bad input with 422 naming the field, and changes nothing", async () => {
    const id = await grantEnding("alice", "report", "2 days");
    const unchanged = await state();
    const soon = new Date(Date.now() + DAY).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ expires_at: new Date(Date.now() - 60_000).toISOString(), reason: "late" }, "expires_at"],
      [{ expires_at: soon, reason: "earlier than now ends" }, "expires_at"],
      [{ add_days: 7 }, "reason"],
      [{ add_days: 7, reason: "   " }, "reason"],
      [{ add_days: 7, reason: "a\u0000b" }, "reason"],
      [{ add_days: 0, reason: "none" }, "add_days"],
      [{ add_days: 7, expires_at: soon, reason: "both" }, "expires_at"],
      [{ reason: "neither" }, "expires_at"],
    ];
    for (const [json, field] of cases) {
      const refused = await f.call<{ errors?: { field: string }[] }>("PATCH", `/api/v1/rbac/grants/${id}`, {
        as: "admin",
        json,
      });
      expect(refused.status, JSON.stringify(json)).toBe(422);
      expect(
        refused.body.errors?.map((e) => e.field),
        JSON.stringify(json),
      ).toContain(field);
    }
    expect((await f.call("PATCH", "/api/v1/rbac/grants/not-a-uuid", { as: "admin", json: cases[2]![0] })).status).toBe(
      422,
    );
    const admin = await f.viewer("admin");
    const forms: Fields[] = [
      { kind: "grant", id, extend: "7", reason: "" },
      { kind: "grant", id, extend: "7", reason: "nul\u0000" },
      { kind: "grant", id, extend: "date", expires_local: "2020-01-01T10:00", reason: "past" },
      { kind: "grant", id, extend: "date", reason: "no date" },
    ];
    for (const fields of forms) {
      expect(await post(extendAction, fields, admin), JSON.stringify(fields)).toMatchObject({
        status: "error",
        fieldErrors: expect.any(Object),
      });
    }
    expect(await state()).toBe(unchanged);
  });

  it("refuses to extend a grant past its resource's longest duration, counted from now", async () => {
    // The catalog caps export at 30 days (MAX_GRANT_DAYS): 7 more days from 25 left is 32.
    const id = await grantEnding("erin", "export", "25 days");
    const unchanged = await state();
    const refused = await f.call<{ errors?: { field: string; message: string }[] }>(
      "PATCH",
      `/api/v1/rbac/grants/${id}`,
      { as: "admin", json: { add_days: 7, reason: "quarter close" } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: "expires_at", message: "Exports may be granted for at most 30 days (720 hours)" },
    ]);
    expect(await state()).toBe(unchanged);
    // Within the cap it extends; a resource without a cap extends as far as asked.
    expect(
      (await f.call("PATCH", `/api/v1/rbac/grants/${id}`, { as: "admin", json: { add_days: 4, reason: "close" } }))
        .status,
    ).toBe(200);
    const uncapped = await grantEnding("erin", "audit_log", "25 days");
    expect(
      (
        await f.call("PATCH", `/api/v1/rbac/grants/${uncapped}`, {
          as: "admin",
          json: { add_days: 30, reason: "audit season" },
        })
      ).status,
    ).toBe(200);
  });

  it("refuses to extend what never ends, has ended or is gone (409, 404)", async () => {
    const never = await grantEnding("dave", "export", null);
    const ended = await grantEnding("dave", "audit_log", "-1 second");
    const body = { json: { add_days: 7, reason: "renew" }, as: "admin" as const };
    expect((await f.call("PATCH", `/api/v1/rbac/grants/${never}`, body)).status).toBe(409);
    expect((await f.call("PATCH", `/api/v1/rbac/grants/${ended}`, body)).status).toBe(409);
    const gone = "00000000-0000-4000-8000-000000000000";
    expect((await f.call("PATCH", `/api/v1/rbac/grants/${gone}`, body)).status).toBe(404);
    expect((await f.call("PATCH", `/api/v1/rbac/assignments/${never}`, body)).status).toBe(404);
  });

  it("records a grant that lapses as expired exactly once, even under concurrent reads, and a revoked one as revoked", async () => {
    const lapsing = await grantEnding("vera", "export", "2 seconds");
    const revoked = await grantEnding("vera", "audit_log", "2 seconds");
    expect((await f.call("DELETE", `/api/v1/rbac/users/${f.ids.vera}/grant/audit_log`, { as: "admin" })).status).toBe(
      200,
    );
    await sleep(2_300);
    const read = () => f.call<AuditPage>("GET", `/api/v1/rbac/audit?target_id=${f.ids.vera}`, { as: "admin" });
    const admin = await f.viewer("admin");
    const [first, second] = await Promise.all([read(), read(), listAudit(admin, { target_id: f.ids.vera })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const [row, ...more] = await auditRows("grant.expired", lapsing);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ actor_username: null, before: { id: lapsing, resource: "export" } });
    expect(await auditRows("grant.expired", revoked)).toHaveLength(0);

    const log = await listAudit(await f.viewer("admin"), { target_id: f.ids.vera });
    const sentences = log.items.map(auditSentenceText);
    expect(sentences.filter((s) => s === "vera's grant of Exports: read expired")).toHaveLength(1);
    expect(sentences).toContain("admin revoked vera's grant of Audit log: read");
    const entry = log.items.find((item) => item.action === "grant.expired")!;
    expect(Date.parse(entry.created_at)).toBe((await endOf("direct_permission_grants", lapsing))!);
  });

  it("records a lapsed role assignment once when sweeps race, and before a revoke clears it", async () => {
    const id = await assignmentEnding("dev", "-1 second");
    // Two sweeps, the second started while the first has not committed: it waits, then writes nothing.
    let second: Promise<void> | undefined;
    await owner().transaction(async (tx) => {
      await recordExpiries(tx);
      second = owner().transaction((other) => recordExpiries(other));
      await sleep(200);
    });
    await second;
    expect(await auditRows("role.assignment_expired", id)).toEqual([
      expect.objectContaining({ actor_username: null, before: expect.objectContaining({ role: ROLE }) }),
    ]);

    const other = await assignmentEnding("carol", "-1 second");
    const revokedAfter = await f.call("POST", "/api/v1/rbac/roles/revoke", {
      as: "admin",
      json: { user_id: f.ids.carol, role_name: ROLE },
    });
    expect(revokedAfter.status).toBe(200);
    expect(await auditRows("role.assignment_expired", other)).toHaveLength(1);
    await listAudit(await f.viewer("admin"), {});
    expect(await auditRows("role.assignment_expired", other)).toHaveLength(1);
  });
});
