// The admin console's service functions (no REST route): listing users, a user's detail, changing
// a user with the safety rules, and revoking one grant.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { directPermissionGrants, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { getUserDetail, grantPermission, listUsers, revokeGrant, updateUser } from "@/lib/rbac/service";
import { isDemotion } from "@/lib/rbac/user-update";
import { DATABASE_KINDS } from "../support/databases";
import { type DemoUsername, type Fixture, fixture } from "../support/fixture";

/** The HTTP status a service call fails with. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a domain error, got ${String(error)}`);
  return error.status;
}

const UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";

describe.each(DATABASE_KINDS)("the admin console's user functions on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const as = (username: DemoUsername) => f.viewer(username);
  const sessionVersion = async (username: DemoUsername) => {
    const [row] = await f.test.owner.db
      .select({ v: users.sessionVersion })
      .from(users)
      .where(eq(users.id, f.ids[username]));
    return row?.v;
  };

  describe("listUsers", () => {
    it("lists every user by username, with base role, team and custom roles", async () => {
      const page = await listUsers(await as("admin"));
      expect(page).toMatchObject({ total: 12, page: 1, page_size: 50 });
      expect(page.items.map((u) => u.username)).toEqual([
        "admin",
        "alice",
        "bob",
        "carol",
        "dave",
        "dev",
        "erin",
        "frank",
        "rita",
        "root",
        "vera",
        "victor",
      ]);
      expect(page.items.find((u) => u.username === "carol")).toMatchObject({
        base_role: "viewer",
        team: "east",
        is_active: true,
        is_superuser: false,
        custom_roles: ["sales-manager"],
      });
      expect(page.items[0]).not.toHaveProperty("password_hash");
    });

    it("searches username, name and email, treating % and _ literally", async () => {
      const admin = await as("admin");
      expect((await listUsers(admin, { q: "ali" })).items.map((u) => u.username)).toEqual(["alice"]);
      expect((await listUsers(admin, { q: "Diaz" })).items.map((u) => u.username)).toEqual(["dave"]);
      expect((await listUsers(admin, { q: "@EXAMPLE.com" })).total).toBe(12);
      expect((await listUsers(admin, { q: "%" })).total).toBe(0);
      expect((await listUsers(admin, { q: "_" })).total).toBe(0);
    });

    it("pages", async () => {
      const admin = await as("admin");
      const pages = await Promise.all([1, 2, 3, 4, 5].map((page) => listUsers(admin, { page, page_size: 3 })));
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3, 3, 0]);
      expect(new Set(pages.flatMap((p) => p.items.map((u) => u.id))).size).toBe(12);
      expect(await statusOf(listUsers(admin, { page_size: 500 }))).toBe(422);
    });

    it("needs user:list", async () => {
      for (const username of ["vera", "dave", "dev", "alice"] as const) {
        expect(await statusOf(listUsers(await as(username)))).toBe(403);
      }
      expect((await listUsers(await as("root"))).total).toBe(12);
    });
  });

  describe("getUserDetail", () => {
    it("shows custom roles with their assignment, and every grant, expired and inactive ones included", async () => {
      const admin = await as("admin");
      await grantPermission(admin, f.ids.alice, { resource: "audit_log", actions: ["read"], reason: "Live" });
      await f.test.owner.db.insert(directPermissionGrants).values([
        { userId: f.ids.alice, resource: "report", actions: ["create"], expiresAt: new Date("2025-01-01T00:00:00Z") },
        { userId: f.ids.alice, resource: "role", actions: ["read"], isActive: false },
      ]);
      const detail = await getUserDetail(admin, f.ids.alice);
      expect(detail.user).toMatchObject({ username: "alice", team: "east", custom_roles: ["sales-rep"] });
      expect(detail.custom_roles).toEqual([
        {
          id: expect.any(String),
          name: "sales-rep",
          description: expect.any(String),
          reason: "Demo data",
          assigned_at: expect.any(String),
          assigned_by: null,
          expires_at: null,
          expired: false,
        },
      ]);
      expect(detail.grants.map((g) => [g.resource, g.status])).toEqual([
        ["audit_log", "active"],
        ["report", "expired"],
        ["role", "inactive"],
      ]);
      expect(detail.grants[0]).toMatchObject({ reason: "Live", granted_by_id: f.ids.admin, expires_at: null });
    });

    it("names who made an assignment", async () => {
      await f.call("POST", "/api/v1/rbac/roles/assign", {
        as: "root",
        json: { user_id: f.ids.vera, role_name: "sales-manager", reason: "Cover" },
      });
      const detail = await getUserDetail(await as("admin"), f.ids.vera);
      expect(detail.custom_roles[0]).toMatchObject({
        name: "sales-manager",
        reason: "Cover",
        assigned_by: { id: f.ids.root, username: "root" },
      });
    });

    it("is for the user themselves or an admin", async () => {
      expect((await getUserDetail(await as("alice"), f.ids.alice)).user.username).toBe("alice");
      expect(await statusOf(getUserDetail(await as("bob"), f.ids.alice))).toBe(403);
      expect(await statusOf(getUserDetail(await as("dave"), f.ids.alice))).toBe(403);
      expect(await statusOf(getUserDetail(await as("admin"), UNKNOWN_USER))).toBe(404);
      expect(await statusOf(getUserDetail(await as("admin"), "alice"))).toBe(422);
    });
  });

  describe("updateUser", () => {
    it("is for admins only", async () => {
      for (const username of ["vera", "dave", "dev"] as const) {
        expect(await statusOf(updateUser(await as(username), f.ids.alice, { team: "west" }))).toBe(403);
      }
    });

    it("changes a team without ending sessions; an empty team means none", async () => {
      const before = await sessionVersion("bob");
      const moved = await updateUser(await as("admin"), f.ids.bob, { team: "west", reason: "Relocated" });
      expect(moved).toMatchObject({ username: "bob", team: "west" });
      expect(await sessionVersion("bob")).toBe(before);
      expect((await updateUser(await as("admin"), f.ids.bob, { team: "" })).team).toBeNull();
      await updateUser(await as("admin"), f.ids.bob, { team: "east" });
    });

    it("an unchanged user writes no audit row", async () => {
      const audit = await f.auditCount();
      const same = await updateUser(await as("admin"), f.ids.bob, { team: "east", is_active: true });
      expect(same.team).toBe("east");
      expect(await f.auditCount()).toBe(audit);
    });

    it("deactivating ends the user's sessions and tokens at once", async () => {
      const before = await sessionVersion("frank");
      expect((await f.call("GET", "/api/v1/rbac/roles", { as: "frank" })).status).toBe(200);
      const frank = await updateUser(await as("admin"), f.ids.frank, { is_active: false, reason: "Left" });
      expect(frank.is_active).toBe(false);
      expect(await sessionVersion("frank")).toBe((before ?? 0) + 1);
      expect((await f.call("GET", "/api/v1/rbac/roles", { as: "frank" })).status).toBe(401);
      await updateUser(await as("admin"), f.ids.frank, { is_active: true });
      expect((await f.call("GET", "/api/v1/rbac/roles", { as: "frank" })).status).toBe(200);
    });

    it("a demotion ends sessions, a promotion does not", async () => {
      const admin = await as("admin");
      const dev = await sessionVersion("dev");
      await updateUser(admin, f.ids.dev, { base_role: "viewer" });
      expect(await sessionVersion("dev")).toBe((dev ?? 0) + 1);
      await updateUser(admin, f.ids.dev, { base_role: "developer" });
      expect(await sessionVersion("dev")).toBe((dev ?? 0) + 1);
      expect(isDemotion("admin", "analyst")).toBe(true);
      expect(isDemotion("developer", "analyst")).toBe(true);
      expect(isDemotion("viewer", "analyst")).toBe(false);
      expect(isDemotion("analyst", "admin")).toBe(false);
    });

    it("only a superuser makes, unmakes or edits a superuser", async () => {
      const admin = await as("admin");
      expect(await statusOf(updateUser(admin, f.ids.vera, { is_superuser: true }))).toBe(403);
      expect(await statusOf(updateUser(admin, f.ids.root, { team: "east" }))).toBe(403);
      expect(await statusOf(updateUser(admin, f.ids.root, { is_active: false }))).toBe(403);
      const root = await as("root");
      expect((await updateUser(root, f.ids.vera, { is_superuser: true })).is_superuser).toBe(true);
      const before = await sessionVersion("vera");
      expect((await updateUser(root, f.ids.vera, { is_superuser: false })).is_superuser).toBe(false);
      expect(await sessionVersion("vera")).toBe((before ?? 0) + 1);
    });

    it("never leaves the system without an active admin or superuser", async () => {
      const root = await as("root");
      await updateUser(root, f.ids.admin, { is_active: false });
      expect(await statusOf(updateUser(root, f.ids.root, { is_superuser: false }))).toBe(409);
      expect(await statusOf(updateUser(root, f.ids.root, { is_active: false }))).toBe(409);
      await updateUser(root, f.ids.admin, { is_active: true });
      // With another administrator active, stepping down is allowed.
      const admin = await as("admin");
      expect((await updateUser(admin, f.ids.admin, { base_role: "viewer" })).base_role).toBe("viewer");
      await updateUser(root, f.ids.admin, { base_role: "admin" });
      const [left] = await queryRows<{ n: number }>(
        f.test.owner.db,
        sql`select count(*)::int as n from users where is_active and (base_role = 'admin' or is_superuser)`,
      );
      expect(left?.n).toBe(2);
    });

    it("refuses unknown users, non-UUIDs and unknown fields", async () => {
      const admin = await as("admin");
      expect(await statusOf(updateUser(admin, UNKNOWN_USER, { team: "east" }))).toBe(404);
      expect(await statusOf(updateUser(admin, "bob", { team: "east" }))).toBe(422);
      expect(await statusOf(updateUser(admin, f.ids.bob, { role: "admin" }))).toBe(422);
      expect(await statusOf(updateUser(admin, f.ids.bob, { base_role: "owner" }))).toBe(422);
      expect(await statusOf(updateUser(admin, f.ids.bob, { is_active: "no" }))).toBe(422);
    });
  });

  describe("revokeGrant", () => {
    it("revokes one grant by id; a second time it is 404", async () => {
      const admin = await as("admin");
      await grantPermission(admin, f.ids.erin, { resource: "audit_log", actions: ["read"] });
      await grantPermission(admin, f.ids.erin, { resource: "audit_log", actions: ["list"] });
      const { grants } = await getUserDetail(admin, f.ids.erin);
      const [first, second] = grants;
      expect(await statusOf(revokeGrant(await as("dev"), first!.id))).toBe(403);
      expect(await revokeGrant(admin, first!.id, { reason: "Done early" })).toMatchObject({ id: first!.id });
      expect((await getUserDetail(admin, f.ids.erin)).grants.map((g) => g.id)).toEqual([second!.id]);
      expect(await statusOf(revokeGrant(admin, first!.id))).toBe(404);
      expect(await statusOf(revokeGrant(admin, "grant-1"))).toBe(422);
    });
  });
});
