// The role pages' server actions: the admin creates, edits and deletes custom roles with one audit
// row each; anybody else is refused and nothing changes.
import { revalidatePath } from "next/cache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createRoleAction,
  deleteRoleAction,
  previewRoleAction,
  updateRoleAction,
} from "@/app/(app)/admin/roles/actions";
import { getRole } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { session } from "../support/session";
import { fixture, type Fixture, FORBIDDEN, NON_ADMINS, post, postRedirect } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

/** The reference's how-to role, as the matrix posts it. */
const READ_ONLY_EXPERIMENTS = {
  name: "read-only-experiments",
  description: "View-only access to experiments and reports",
  "perm:experiment:read": "on",
  "perm:experiment:list": "on",
  "perm:report:read": "on",
  "perm:report:list": "on",
  "perm:feature_flag:read": "on",
  "perm:feature_flag:list": "on",
  "scope:sale": "own",
  reason: "Stakeholders who monitor experiments",
};

describe.each(DATABASE_KINDS)("the role pages' actions on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  it("non-admins (vera, dave, dev) may not create a role: Forbidden, and nothing changes", async () => {
    const before = await f.snapshot();
    for (const username of NON_ADMINS) {
      const state = await post(
        createRoleAction,
        { ...READ_ONLY_EXPERIMENTS, name: `made-by-${username}` },
        await f.viewer(username),
      );
      expect(state, username).toMatchObject(FORBIDDEN);
    }
    expect(await f.snapshot()).toBe(before);
  });

  it("the admin creates the how-to role: its permissions in catalog order, one audit row, then its page", async () => {
    const auditBefore = await f.auditCount();
    const admin = await f.viewer("admin");
    vi.mocked(revalidatePath).mockClear();
    const to = await postRedirect(createRoleAction, READ_ONLY_EXPERIMENTS, admin);
    expect(to).toBe("/admin/roles/read-only-experiments?created=1");
    const paths = vi.mocked(revalidatePath).mock.calls.map(([path]) => path);
    expect(paths).toEqual(expect.arrayContaining(["/admin/roles", "/admin/audit"]));
    const role = await getRole(admin, "read-only-experiments");
    expect(role.permissions).toEqual([
      { resource: "experiment", actions: ["read", "list"] },
      { resource: "feature_flag", actions: ["read", "list"] },
      { resource: "report", actions: ["read", "list"] },
    ]);
    expect(role.description).toBe("View-only access to experiments and reports");
    expect(await f.auditCount()).toBe(auditBefore + 1);
    expect(await f.lastAudit()).toMatchObject({
      actor_username: "admin",
      action: "role.create",
      target_label: "read-only-experiments",
      reason: "Stakeholders who monitor experiments",
    });
  });

  it("a name against the reference's rules comes back as the server's message on the name field", async () => {
    const admin = await f.viewer("admin");
    const before = await f.snapshot();
    for (const name of ["x", "Read-Only", "9lives", "has space", "a".repeat(65), ""]) {
      const state = await post(createRoleAction, { ...READ_ONLY_EXPERIMENTS, name }, admin);
      expect(state.status).toBe("error");
      expect(state.status === "error" && state.fieldErrors?.name).toEqual(expect.any(String));
    }
    expect(await f.snapshot()).toBe(before);
  });

  it("a name the console's own pages use is refused on the name field, and creates nothing", async () => {
    const before = await f.snapshot();
    const state = await post(createRoleAction, { ...READ_ONLY_EXPERIMENTS, name: "new" }, await f.viewer("admin"));
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { name: expect.stringMatching(/"new" is reserved: \/admin\/roles\/new is a page of the console/) },
    });
    expect(await f.snapshot()).toBe(before);
  });

  it("a taken name is refused with a message saying so", async () => {
    const state = await post(createRoleAction, READ_ONLY_EXPERIMENTS, await f.viewer("admin"));
    expect(state).toMatchObject({ status: "error", error: expect.stringMatching(/already exists/) });
  });

  it("the real create action refuses dave in their own session, and creates nothing", async () => {
    const before = await f.snapshot();
    const state = await post(
      createRoleAction,
      { ...READ_ONLY_EXPERIMENTS, name: "dave-was-here" },
      await f.viewer("dave"),
    );
    expect(state).toMatchObject({ status: "error", error: expect.stringMatching(/only an admin/i) });
    expect(await f.snapshot()).toBe(before);
  });

  it("the preview refuses a non-admin before it reads the form, malformed or not", async () => {
    for (const username of NON_ADMINS) {
      session.viewer = await f.viewer(username);
      try {
        for (const fields of [{}, { role_name: "read-only-experiments", "perm:sale:list": "on" }]) {
          const form = new FormData();
          for (const [name, value] of Object.entries(fields)) form.set(name, value);
          const state = await previewRoleAction(form);
          expect(state, username).toEqual({ status: "error", error: expect.stringMatching(/only an admin/i) });
        }
      } finally {
        session.viewer = null;
      }
    }
  });

  it("a signed-out post is refused before anything runs", async () => {
    const before = await f.snapshot();
    const state = await post(createRoleAction, { ...READ_ONLY_EXPERIMENTS, name: "anonymous-role" }, null);
    expect(state).toMatchObject({ status: "error", error: expect.stringMatching(/sign in/i) });
    expect(await f.snapshot()).toBe(before);
  });

  it("non-admins may not edit or delete a role: Forbidden, and nothing changes", async () => {
    const before = await f.snapshot();
    for (const username of NON_ADMINS) {
      const viewer = await f.viewer(username);
      const edit = { role_name: "read-only-experiments", description: "hijacked" };
      expect(await post(updateRoleAction, edit, viewer), username).toMatchObject(FORBIDDEN);
      expect(await post(deleteRoleAction, { role_name: "read-only-experiments" }, viewer)).toMatchObject(FORBIDDEN);
    }
    expect(await f.snapshot()).toBe(before);
  });

  it("the admin edits the matrix and the description: saved, one audit row with before and after", async () => {
    const auditBefore = await f.auditCount();
    const admin = await f.viewer("admin");
    const input = {
      role_name: "read-only-experiments",
      description: "",
      "perm:experiment:read": "on",
      "perm:sale:list": "on",
      "scope:sale": "team",
      reason: "narrowed",
    };
    expect(await post(updateRoleAction, input, admin)).toMatchObject({
      status: "success",
      message: expect.stringMatching(/saved/),
    });
    const role = await getRole(admin, "read-only-experiments");
    expect(role.description).toBeNull();
    expect(role.permissions).toEqual([
      { resource: "experiment", actions: ["read"] },
      { resource: "sale", actions: ["list"], scope: "team" },
    ]);
    expect(await f.auditCount()).toBe(auditBefore + 1);
    const audit = await f.lastAudit();
    expect(audit).toMatchObject({ action: "role.update", reason: "narrowed" });
    expect(audit.before).toMatchObject({ description: "View-only access to experiments and reports" });
    expect(audit.after).toMatchObject({ description: null });
  });

  it("a system role cannot be edited or deleted, even by the admin", async () => {
    const admin = await f.viewer("admin");
    const before = await f.snapshot();
    const edit = await post(updateRoleAction, { role_name: "viewer", "perm:sale:list": "on" }, admin);
    expect(edit).toMatchObject({ status: "error", error: expect.stringMatching(/system role/i) });
    const state = await post(deleteRoleAction, { role_name: "viewer" }, admin);
    expect(state).toMatchObject({ status: "error", error: expect.stringMatching(/system role/i) });
    expect(await f.snapshot()).toBe(before);
  });

  it("the real edit action answers with a confirmation and refreshes the role's pages", async () => {
    vi.mocked(revalidatePath).mockClear();
    const state = await post(
      updateRoleAction,
      { role_name: "read-only-experiments", description: "back again", "perm:experiment:list": "on" },
      await f.viewer("admin"),
    );
    expect(state).toEqual({ status: "success", message: 'Role "read-only-experiments" saved.' });
    const paths = vi.mocked(revalidatePath).mock.calls.map(([path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining(["/admin/roles", "/admin/roles/read-only-experiments", "/admin/audit"]),
    );
  });

  it("the admin deletes the role: gone, one audit row naming who held it, back to the list", async () => {
    const admin = await f.viewer("admin");
    const auditBefore = await f.auditCount();
    const to = await postRedirect(deleteRoleAction, { role_name: "sales-manager", reason: "reorg" }, admin);
    expect(to).toBe("/admin/roles?deleted=sales-manager");
    await expect(getRole(admin, "sales-manager")).rejects.toThrow(/not found/);
    expect(await f.auditCount()).toBe(auditBefore + 1);
    expect(await f.lastAudit()).toMatchObject({
      action: "role.delete",
      reason: "reorg",
      before: expect.objectContaining({ assigned_users: ["carol"] }),
    });
  });
});
