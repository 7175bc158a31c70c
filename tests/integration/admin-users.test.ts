// The user page's server actions: assignments, direct grants and account changes. The admin
// succeeds with one audit row each; anybody else is refused and nothing changes; the service's
// safety rules come back as messages the page can show.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { revalidatePath } from "next/cache";
import {
  assignRoleAction,
  grantAction,
  revokeGrantAction,
  revokeRoleAction,
  updateAccountAction,
} from "@/app/(app)/admin/users/actions";
import { effectivePermissionsOf, getUserDetail } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { type Fields, fixture, type Fixture, FORBIDDEN, NON_ADMINS, post } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

/** A datetime-local value `days` from now, on UTC wall clocks. */
const localIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

/** The confirmation a form shows after a change went through. */
const done = (message: string) => ({ status: "success", message });
/** The refusal a form shows when the service's safety rules say no (the API's 409). */
const conflict = { status: "error", error: expect.stringMatching(/no active admin or superuser/) };

describe.each(DATABASE_KINDS)("the user page's actions on %s", (kind) => {
  let f: Fixture;
  let vera: string;

  beforeAll(async () => {
    f = await fixture(kind);
    vera = f.ids.vera;
  });
  afterAll(() => f?.dispose());

  describe("custom roles", () => {
    it("non-admins may not assign or revoke a role: Forbidden, and nothing changes", async () => {
      const before = await f.snapshot();
      const alice = f.ids.alice;
      for (const username of NON_ADMINS) {
        const viewer = await f.viewer(username);
        const assign = { user_id: vera, role_name: "sales-manager", reason: "x" };
        expect(await post(assignRoleAction, assign, viewer), username).toMatchObject(FORBIDDEN);
        const revoke = { user_id: alice, role_name: "sales-rep" };
        expect(await post(revokeRoleAction, revoke, viewer), username).toMatchObject(FORBIDDEN);
      }
      expect(await f.snapshot()).toBe(before);
    });

    it("the admin assigns a role with a reason: held, shown as its source, one audit row", async () => {
      const admin = await f.viewer("admin");
      const auditBefore = await f.auditCount();
      vi.mocked(revalidatePath).mockClear();
      const input = { user_id: vera, role_name: "sales-manager", reason: "covering" };
      expect(await post(assignRoleAction, input, admin)).toEqual(done('Role "sales-manager" assigned.'));
      const paths = vi.mocked(revalidatePath).mock.calls.map(([path]) => path);
      expect(paths).toEqual(expect.arrayContaining([`/admin/users/${vera}`, "/admin/audit"]));
      const effective = await effectivePermissionsOf(admin, vera, { explain: "true" });
      expect(effective.sources?.export?.read).toEqual([{ kind: "custom_role", role: "sales-manager" }]);
      expect(effective.sources?.sale?.list).toEqual([{ kind: "custom_role", role: "sales-manager", scope: "team" }]);
      expect(await f.auditCount()).toBe(auditBefore + 1);
      expect(await f.lastAudit()).toMatchObject({ action: "role.assign", target_label: "vera", reason: "covering" });
    });

    it("the admin revokes it with a reason: gone, one audit row", async () => {
      const admin = await f.viewer("admin");
      const auditBefore = await f.auditCount();
      const input = { user_id: vera, role_name: "sales-manager", reason: "back" };
      expect(await post(revokeRoleAction, input, admin)).toEqual(done('Role "sales-manager" revoked.'));
      expect((await getUserDetail(admin, vera)).custom_roles).toEqual([]);
      expect(await f.auditCount()).toBe(auditBefore + 1);
      expect(await f.lastAudit()).toMatchObject({ action: "role.revoke", reason: "back" });
    });
  });

  describe("direct grants", () => {
    it("non-admins may not grant or revoke: Forbidden, and nothing changes", async () => {
      const admin = await f.viewer("admin");
      await post(grantAction, { user_id: vera, resource: "report", actions: "create" }, admin);
      const [grant] = (await getUserDetail(admin, vera)).grants;
      const before = await f.snapshot();
      for (const username of NON_ADMINS) {
        const viewer = await f.viewer(username);
        const input = { user_id: vera, resource: "export", actions: ["read", "list"] };
        expect(await post(grantAction, input, viewer), username).toMatchObject(FORBIDDEN);
        expect(await post(revokeGrantAction, { grant_id: grant!.id }, viewer), username).toMatchObject(FORBIDDEN);
      }
      expect(await f.snapshot()).toBe(before);
      expect(await post(revokeGrantAction, { grant_id: grant!.id }, admin)).toMatchObject({ status: "success" });
    });

    it("an expiry typed in the browser's zone is stored as the UTC instant it names", async () => {
      const admin = await f.viewer("admin");
      const auditBefore = await f.auditCount();
      const input = {
        user_id: vera,
        resource: "sale",
        actions: ["read", "list"],
        scope: "team",
        reason: "Q1 compliance audit",
        expires_local: "2099-01-15T23:59",
        time_zone: "America/New_York",
      };
      // Read back in the zone it was typed in, named.
      expect(await post(grantAction, input, admin)).toEqual(
        done("Granted read, list on sale until Jan 15, 2099, 11:59 PM EST."),
      );
      const [grant] = (await getUserDetail(admin, vera)).grants;
      expect(grant).toMatchObject({
        resource: "sale",
        actions: ["read", "list"],
        scope: "team",
        reason: "Q1 compliance audit",
        expires_at: "2099-01-16T04:59:00.000Z",
        status: "active",
      });
      expect(await f.auditCount()).toBe(auditBefore + 1);
      expect(await f.lastAudit()).toMatchObject({ action: "grant.create", reason: "Q1 compliance audit" });
    });

    it("a grant that would already be expired is refused with the service's message on the expiry", async () => {
      const before = await f.snapshot();
      const state = await post(
        grantAction,
        { user_id: vera, resource: "export", actions: "read", expires_local: localIn(-1), time_zone: "UTC" },
        await f.viewer("admin"),
      );
      expect(state).toMatchObject({ status: "error", fieldErrors: { expires_at: expect.stringMatching(/future/) } });
      expect(await f.snapshot()).toBe(before);
    });

    it("an expiry that is not a time, or no action at all, is refused field by field", async () => {
      const admin = await f.viewer("admin");
      const bad = await post(
        grantAction,
        { user_id: vera, resource: "export", actions: "read", expires_local: "tomorrow", time_zone: "UTC" },
        admin,
      );
      expect(bad).toMatchObject({ status: "error", fieldErrors: { expires_at: expect.any(String) } });
      const none = await post(grantAction, { user_id: vera, resource: "export", time_zone: "UTC" }, admin);
      expect(none).toMatchObject({ status: "error", fieldErrors: { actions: expect.any(String) } });
      const misfit = await post(
        grantAction,
        { user_id: vera, resource: "export", actions: "read", scope: "all" },
        admin,
      );
      expect(misfit).toMatchObject({
        status: "error",
        fieldErrors: { scope: expect.stringMatching(/Only sales and reports have a scope/) },
      });
    });

    it("a grant ending within a week keeps its expiry for the page's warning", async () => {
      const admin = await f.viewer("admin");
      const input = { user_id: vera, resource: "export", actions: "read", expires_local: localIn(3) };
      expect(await post(grantAction, input, admin)).toMatchObject({ status: "success" });
      const effective = await effectivePermissionsOf(admin, vera, { explain: "true" });
      const [source] = effective.sources?.export?.read ?? [];
      expect(source).toMatchObject({ kind: "grant", expires_at: expect.any(String) });
      const left = Date.parse((source as { expires_at: string }).expires_at) - Date.now();
      expect(left).toBeGreaterThan(2.9 * 86_400_000);
      expect(left).toBeLessThan(3.1 * 86_400_000);
    });

    it("the admin revokes one grant: only that one goes, one audit row", async () => {
      const admin = await f.viewer("admin");
      const grants = (await getUserDetail(admin, vera)).grants;
      const exportGrant = grants.find((g) => g.resource === "export")!;
      const auditBefore = await f.auditCount();
      const state = await post(revokeGrantAction, { grant_id: exportGrant.id, reason: "done" }, admin);
      expect(state).toEqual(done("Grant of read on export revoked."));
      const left = (await getUserDetail(admin, vera)).grants.map((g) => g.id);
      expect(left).toEqual(grants.filter((g) => g.id !== exportGrant.id).map((g) => g.id));
      expect(await f.auditCount()).toBe(auditBefore + 1);
      expect(await f.lastAudit()).toMatchObject({ action: "grant.revoke", reason: "done" });
    });
  });

  describe("accounts", () => {
    it("non-admins may not change base role, team or activation: Forbidden, and nothing changes", async () => {
      const before = await f.snapshot();
      for (const username of NON_ADMINS) {
        const viewer = await f.viewer(username);
        const changes: Fields[] = [{ base_role: "admin" }, { team: "east" }, { is_active: "false" }];
        for (const fields of changes) {
          const state = await post(updateAccountAction, { user_id: vera, ...fields }, viewer);
          expect(state, username).toMatchObject(FORBIDDEN);
        }
      }
      expect(await f.snapshot()).toBe(before);
    });

    it("the admin changes base role and team: saved, one audit row", async () => {
      const admin = await f.viewer("admin");
      const auditBefore = await f.auditCount();
      const input = { user_id: vera, base_role: "analyst", team: "west", reason: "moved" };
      expect(await post(updateAccountAction, input, admin)).toEqual(done("vera's account saved."));
      expect((await getUserDetail(admin, vera)).user).toMatchObject({ base_role: "analyst", team: "west" });
      expect(await f.auditCount()).toBe(auditBefore + 1);
      expect(await f.lastAudit()).toMatchObject({ action: "user.update", reason: "moved" });
    });

    it("an empty team field clears the team", async () => {
      const admin = await f.viewer("admin");
      await post(updateAccountAction, { user_id: vera, base_role: "analyst", team: "" }, admin);
      expect((await getUserDetail(admin, vera)).user.team).toBeNull();
    });

    it("the admin deactivates and reactivates a user, one audit row each", async () => {
      const admin = await f.viewer("admin");
      const auditBefore = await f.auditCount();
      const off = await post(updateAccountAction, { user_id: vera, is_active: "false" }, admin);
      expect(off).toEqual(done("vera is now deactivated."));
      await expect(f.viewer("vera")).rejects.toThrow(/not an active user/);
      const on = await post(updateAccountAction, { user_id: vera, is_active: "true" }, admin);
      expect(on).toEqual(done("vera is now active."));
      expect(await f.auditCount()).toBe(auditBefore + 2);
    });

    it("only a superuser changes superuser status, or a superuser's account", async () => {
      const admin = await f.viewer("admin");
      const root = f.ids.root;
      const before = await f.snapshot();
      const promote = { user_id: vera, is_superuser: "true" };
      expect(await post(updateAccountAction, promote, admin)).toMatchObject(FORBIDDEN);
      const editRoot = { user_id: root, team: "east" };
      expect(await post(updateAccountAction, editRoot, admin)).toMatchObject(FORBIDDEN);
      expect(await f.snapshot()).toBe(before);

      expect(await post(updateAccountAction, promote, await f.viewer("root"))).toEqual(
        done("vera is now a superuser."),
      );
      const demote = { user_id: vera, is_superuser: "false" };
      expect(await post(updateAccountAction, demote, await f.viewer("root"))).toEqual(
        done("vera is no longer a superuser."),
      );
    });

    // Last: it leaves admin as the only active admin or superuser.
    it("the last active admin cannot demote or deactivate themselves; the page gets the reason", async () => {
      const admin = f.ids.admin;
      const root = f.ids.root;
      await post(updateAccountAction, { user_id: root, is_active: "false" }, await f.viewer("root"));
      const before = await f.snapshot();
      const viewer = await f.viewer("admin");
      const demote = { user_id: admin, base_role: "viewer" };
      expect(await post(updateAccountAction, demote, viewer)).toMatchObject(conflict);
      const deactivate = { user_id: admin, is_active: "false" };
      expect(await post(updateAccountAction, deactivate, viewer)).toMatchObject(conflict);
      const state = await post(updateAccountAction, { user_id: admin, base_role: "developer", team: "" }, viewer);
      expect(state).toEqual({ status: "error", error: "This change would leave no active admin or superuser" });
      expect(await f.snapshot()).toBe(before);
      expect((await f.viewer("admin")).baseRole).toBe("admin");
    });
  });
});
