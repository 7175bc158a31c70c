// Access requests: anyone asks for one permission for a while; a holder of permission:update who
// holds it too approves (a time-boxed direct grant, linked to the request) or denies; nobody
// decides their own; the catalog's maximum duration holds for requests and grants; each step has
// exactly one audit row, written with it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportApi } from "@/app/api/v1/sales/export/route";
import { queryRows } from "@/db/client";
import { loadViewerById } from "@/lib/auth/principal";
import type { AccessRequestView } from "@/lib/rbac/access-request-schemas";
import { maxGrantDays } from "@/lib/rbac/catalog";
import { assertGrantDuration } from "@/lib/rbac/grant-duration";
import { assignRole, createRole } from "@/lib/rbac/service";
import { mayExportSales } from "@/lib/sales/export";
import { DATABASE_KINDS } from "../support/databases";
import { apiRequest, type Caller, fixture, type Fixture, noParams } from "../support/fixture";

const HOUR_MS = 3_600_000;

describe.each(DATABASE_KINDS)("access requests on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
    // dev: a developer who may decide requests, and holds sales of their team only, no exports.
    const admin = await f.viewer("admin");
    await createRole(admin, {
      name: "access-approver",
      permissions: [
        { resource: "permission", actions: ["read", "update"] },
        { resource: "sale", actions: ["read", "list"], scope: "team" },
      ],
    });
    await assignRole(admin, { user_id: f.ids.dev, role_name: "access-approver" });
  });
  afterAll(() => f?.dispose());

  const request = (as: Caller, json: unknown) =>
    f.call<AccessRequestView & { detail?: string; errors?: { field: string }[] }>("POST", "/api/v1/access-requests", {
      as,
      json,
    });
  const decide = (as: Caller, id: string, decision: "approve" | "deny", json: unknown = {}) =>
    f.call<AccessRequestView & { detail?: string }>("POST", `/api/v1/access-requests/${id}/${decision}`, { as, json });
  const audits = (requestId: string) =>
    queryRows<{ action: string; actor_username: string; target_id: string; reason: string | null; after: unknown }>(
      f.test.owner.db,
      sql`select action, actor_username, target_id, reason, after from audit_log
        where action like 'access_request.%' and (after ->> 'request_id') = ${requestId} order by created_at, id`,
    );
  const grantsOf = (userId: string, resource: string) =>
    queryRows<{ id: string; expires_at: Date | string; granted_by_id: string }>(
      f.test.owner.db,
      sql`select id, expires_at, granted_by_id from direct_permission_grants where user_id = ${userId} and resource = ${resource}`,
    );
  const aliceExports = async () =>
    (await exportApi(apiRequest("GET", "/api/v1/sales/export", f.tokens.alice), noParams)).status;

  it("a rep asks for export:read for 48 hours; an admin approves; the Export control appears; the grant ends on time", async () => {
    expect(mayExportSales(await f.viewer("alice"))).toBe(false);
    expect(await aliceExports()).toBe(403);

    const created = await request("alice", {
      resource: "export",
      actions: ["read"],
      reason: "Quarter-end figures for the board",
      duration_hours: 48,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      requester_id: f.ids.alice,
      requester_username: "alice",
      resource: "export",
      actions: ["read"],
      scope: null,
      duration_hours: 48,
      status: "pending",
      grant_id: null,
    });
    const id = created.body.id;

    // Her own request: she sees it; she may not approve it (she may not approve anything).
    const mine = await f.call<AccessRequestView[]>("GET", "/api/v1/access-requests", { as: "alice" });
    expect(mine.status).toBe(200);
    expect(mine.body.map((r) => r.id)).toEqual([id]);
    expect((await decide("alice", id, "approve")).status).toBe(403);
    expect(await grantsOf(f.ids.alice, "export")).toEqual([]);

    // The admin's queue holds it.
    const queue = await f.call<AccessRequestView[]>("GET", "/api/v1/access-requests", { as: "admin" });
    expect(queue.status).toBe(200);
    expect(queue.body.map((r) => r.id)).toContain(id);

    const approved = await decide("admin", id, "approve", { reason: "Board pack" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: "approved",
      decided_by_username: "admin",
      decision_reason: "Board pack",
    });
    const [grant] = await grantsOf(f.ids.alice, "export");
    expect(grant).toBeDefined();
    expect(approved.body.grant_id).toBe(grant!.id);
    expect(grant!.granted_by_id).toBe(f.ids.admin);
    // 48 hours from the decision, on the database clock.
    expect(new Date(grant!.expires_at).getTime() - new Date(approved.body.decided_at!).getTime()).toBe(48 * HOUR_MS);
    expect(approved.body.expires_at).toBe(new Date(grant!.expires_at).toISOString());

    // The next load: the Export control is there, and the export itself answers.
    expect(mayExportSales(await f.viewer("alice"))).toBe(true);
    expect(await aliceExports()).toBe(200);

    // Once the 48 hours are over (moved on the database clock), it is gone again.
    await f.test.owner.db.execute(
      sql`update direct_permission_grants set expires_at = now() - interval '1 second' where id = ${grant!.id}`,
    );
    expect(mayExportSales(await f.viewer("alice"))).toBe(false);
    expect(await aliceExports()).toBe(403);

    // One audit row per step: asked, approved (with the grant it made).
    const rows = await audits(id);
    expect(rows.map((r) => [r.action, r.actor_username, r.target_id])).toEqual([
      ["access_request.create", "alice", f.ids.alice],
      ["access_request.approve", "admin", f.ids.alice],
    ]);
    expect(rows[1]!.after).toMatchObject({ status: "approved", grant: { id: grant!.id, resource: "export" } });

    // A decided request is decided: a second approval or a denial is 409, and changes nothing.
    const before = await f.auditCount();
    expect((await decide("admin", id, "approve")).status).toBe(409);
    expect((await decide("root", id, "deny", { reason: "Too late" })).status).toBe(409);
    expect(await f.auditCount()).toBe(before);
    expect(await grantsOf(f.ids.alice, "export")).toHaveLength(1);

    // Her list shows the outcome.
    const outcome = await f.call<AccessRequestView[]>("GET", "/api/v1/access-requests?view=mine", { as: "alice" });
    expect(outcome.body[0]).toMatchObject({ id, status: "approved", grant_id: grant!.id });
  });

  it("nobody approves their own request, even an approver", async () => {
    const created = await request("dev", {
      resource: "export",
      actions: ["read"],
      reason: "Checking the flag rollout numbers",
      duration_hours: 24,
    });
    expect(created.status).toBe(201);
    const own = await decide("dev", created.body.id, "approve");
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/own access request/);
    expect((await decide("dev", created.body.id, "deny", { reason: "No" })).status).toBe(403);
    expect(await grantsOf(f.ids.dev, "export")).toEqual([]);
    expect((await audits(created.body.id)).map((r) => r.action)).toEqual(["access_request.create"]);
  });

  it("nobody approves more than they hold: the permission, and the scope", async () => {
    const exportAsk = await request("vera", {
      resource: "export",
      actions: ["read"],
      reason: "Audit",
      duration_hours: 8,
    });
    const lacking = await decide("dev", exportAsk.body.id, "approve");
    expect(lacking.status).toBe(403);
    expect(lacking.body.detail).toMatch(/Exports: read/);

    const wide = await request("vera", {
      resource: "sale",
      actions: ["list", "read"],
      scope: "all",
      reason: "Cover for the west team",
      duration_hours: 8,
    });
    expect((await decide("dev", wide.body.id, "approve")).status).toBe(403);

    const team = await request("vera", {
      resource: "sale",
      actions: ["list", "read"],
      scope: "team",
      reason: "Cover for my team",
      duration_hours: 8,
    });
    const approved = await decide("dev", team.body.id, "approve");
    expect(approved.status).toBe(200);
    const vera = (await loadViewerById(f.test.owner.db, f.ids.vera))!;
    expect(vera.scope("sale", "list")).toEqual(["team"]);
    expect(vera.can("export", "read")).toBe(false);
    // A superuser holds everything.
    expect((await decide("root", exportAsk.body.id, "approve")).status).toBe(200);
  });

  it("a denial has a reason and creates nothing", async () => {
    const created = await request("bob", {
      resource: "export",
      actions: ["read", "list"],
      reason: "Pipeline review",
      duration_hours: 72,
    });
    const noReason = await decide("admin", created.body.id, "deny", {});
    expect(noReason.status).toBe(422);
    const denied = await decide("admin", created.body.id, "deny", { reason: "Ask your manager for the figures" });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({
      status: "denied",
      decision_reason: "Ask your manager for the figures",
      grant_id: null,
      expires_at: null,
    });
    expect(await grantsOf(f.ids.bob, "export")).toEqual([]);
    expect((await f.viewer("bob")).can("export", "read")).toBe(false);
    const rows = await audits(created.body.id);
    expect(rows.map((r) => [r.action, r.actor_username, r.reason])).toEqual([
      ["access_request.create", "bob", "Pipeline review"],
      ["access_request.deny", "admin", "Ask your manager for the figures"],
    ]);
    expect((await decide("admin", created.body.id, "approve")).status).toBe(409);
  });

  it("refuses a request above the catalog's maximum, and a grant too", async () => {
    expect(maxGrantDays("export")).toBe(30);
    const before = await f.auditCount();
    const tooLong = await request("erin", {
      resource: "export",
      actions: ["read"],
      reason: "The whole quarter",
      duration_hours: 30 * 24 + 1,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([
      { field: "duration_hours", message: "Exports may be granted for at most 30 days (720 hours)" },
    ]);
    expect(
      (await request("erin", { resource: "export", actions: ["read"], reason: "Month", duration_hours: 720 })).status,
    ).toBe(201);

    const grant = (json: Record<string, unknown>) =>
      f.call("POST", `/api/v1/rbac/users/${f.ids.frank}/grant`, {
        as: "admin",
        json: { resource: "export", actions: ["read"], ...json },
      });
    const forever = await grant({});
    expect(forever.status).toBe(422);
    expect(forever.body).toMatchObject({ errors: [{ field: "expires_at" }] });
    const late = await grant({ expires_at: new Date(Date.now() + 31 * 24 * HOUR_MS).toISOString() });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      errors: [{ field: "expires_at", message: expect.stringMatching(/at most 30 days/) }],
    });
    expect(await grantsOf(f.ids.frank, "export")).toEqual([]);
    expect(await f.auditCount()).toBe(before + 1);
    expect((await grant({ expires_at: new Date(Date.now() + 29 * 24 * HOUR_MS).toISOString() })).status).toBe(201);
    // Resources without a maximum keep grants that never end.
    expect(
      (
        await f.call("POST", `/api/v1/rbac/users/${f.ids.frank}/grant`, {
          as: "admin",
          json: { resource: "report", actions: ["create"] },
        })
      ).status,
    ).toBe(201);

    const now = new Date();
    expect(() => assertGrantDuration("export", new Date(now.getTime() + 30 * 24 * HOUR_MS), now)).not.toThrow();
    expect(() => assertGrantDuration("export", null, now)).toThrow(/choose an expiry/);
    expect(() => assertGrantDuration("report", null, now)).not.toThrow();
  });

  it("answers 422 for bad input and changes nothing", async () => {
    const before = await f.auditCount();
    const ask = { resource: "export", actions: ["read"], reason: "x", duration_hours: 4 };
    const bad: [Caller, unknown, string][] = [
      ["alice", { ...ask, duration_hours: undefined }, "duration_hours"],
      ["alice", { ...ask, duration_hours: 0 }, "duration_hours"],
      ["alice", { ...ask, duration_hours: 1.5 }, "duration_hours"],
      ["alice", { ...ask, duration_hours: "48" }, "duration_hours"],
      ["alice", { ...ask, duration_hours: 24 * 366 }, "duration_hours"],
      ["alice", { ...ask, reason: "  " }, "reason"],
      ["alice", { ...ask, actions: [] }, "actions"],
      ["alice", { ...ask, actions: ["approve"] }, "actions.0"],
      ["alice", { ...ask, resource: "nope" }, "resource"],
      ["alice", { ...ask, scope: "all" }, "scope"],
      ["alice", { ...ask, user_id: f.ids.admin }, "body"],
      // What one already holds: carol may export.
      ["carol", ask, "actions"],
    ];
    for (const [as, json, field] of bad) {
      const answer = await request(as, json);
      expect(answer.status, JSON.stringify(json)).toBe(422);
      expect(
        answer.body.errors?.map((e) => e.field),
        JSON.stringify(json),
      ).toContain(field);
    }
    expect((await f.call("POST", "/api/v1/access-requests", { as: "alice", raw: "{" })).status).toBe(422);
    expect((await decide("admin", "not-a-uuid", "approve")).status).toBe(422);
    expect((await f.call("GET", "/api/v1/access-requests?view=everything", { as: "admin" })).status).toBe(422);
    expect(await f.auditCount()).toBe(before);
  });

  it("shows a request only to its requester and the approvers", async () => {
    const created = await request("frank", {
      resource: "experiment",
      actions: ["create"],
      reason: "A pricing test",
      duration_hours: 2,
    });
    const id = created.body.id;
    expect((await f.call("GET", `/api/v1/access-requests/${id}`, { as: "frank" })).status).toBe(200);
    expect((await f.call("GET", `/api/v1/access-requests/${id}`, { as: "admin" })).status).toBe(200);
    expect((await f.call("GET", `/api/v1/access-requests/${id}`, { as: "dev" })).status).toBe(200);
    // Someone else's request is missing to anyone else, exactly like one that does not exist.
    for (const as of ["erin", "carol", "dave"] as const) {
      const other = await f.call("GET", `/api/v1/access-requests/${id}`, { as });
      expect(other.status).toBe(404);
      expect(other.body).toEqual({ detail: "Access request not found" });
    }
    expect((await f.call("GET", `/api/v1/access-requests/${crypto.randomUUID()}`, { as: "admin" })).status).toBe(404);
    expect((await decide("admin", crypto.randomUUID(), "approve")).status).toBe(404);

    // Others' requests are the approvers' to list: for anyone else, the queue is 403 and their own list holds only theirs.
    expect((await f.call("GET", "/api/v1/access-requests?view=queue", { as: "erin" })).status).toBe(403);
    expect((await f.call("GET", "/api/v1/access-requests?view=queue", { as: "carol" })).status).toBe(403);
    const erins = await f.call<AccessRequestView[]>("GET", "/api/v1/access-requests", { as: "erin" });
    expect(erins.body.length).toBeGreaterThan(0);
    expect(erins.body.every((r) => r.requester_id === f.ids.erin)).toBe(true);
    const queue = await f.call<AccessRequestView[]>("GET", "/api/v1/access-requests?view=queue", { as: "dev" });
    expect(queue.body.map((r) => r.id)).toContain(id);
    expect(queue.body.every((r) => r.status === "pending")).toBe(true);

    // Deciding is the approvers' alone.
    for (const as of ["erin", "carol", "dave", "anonymous"] as const) {
      expect((await decide(as, id, "approve")).status).toBe(as === "anonymous" ? 401 : 403);
      expect((await decide(as, id, "deny", { reason: "No" })).status).toBe(as === "anonymous" ? 401 : 403);
    }
    expect(await grantsOf(f.ids.frank, "experiment")).toEqual([]);
  });

  it("two approvals at once make one grant and one audit row; the other is 409", async () => {
    const created = await request("erin", {
      resource: "sale",
      actions: ["read"],
      scope: "team",
      reason: "Cover",
      duration_hours: 5,
    });
    const answers = await Promise.all([
      decide("admin", created.body.id, "approve"),
      decide("root", created.body.id, "approve"),
      decide("admin", created.body.id, "deny", { reason: "Changed my mind" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect((await audits(created.body.id)).filter((r) => r.action !== "access_request.create")).toHaveLength(1);
    const [row] = await queryRows<{ n: number }>(
      f.test.owner.db,
      sql`select count(*)::int as n from access_requests r join direct_permission_grants g on g.id = r.grant_id
        where r.id = ${created.body.id}`,
    );
    const approvedOnce = answers.some((a) => a.status === 200 && a.body.status === "approved");
    expect(row!.n).toBe(approvedOnce ? 1 : 0);
  });
});
