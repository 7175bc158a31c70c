// The audit page and the choices the console's forms offer: URL state to listAudit's query,
// filter options from the log itself, and the permission each read demands.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRoleAction } from "@/app/(app)/admin/roles/actions";
import { assignRoleAction } from "@/app/(app)/admin/users/actions";
import { Forbidden } from "@/lib/errors";
import { auditFilters, auditQueryOf, auditSearchParams } from "@/app/(app)/admin/search-params";
import { auditFilterOptions, listAudit, listTeams } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { fixture, type Fixture, NON_ADMINS, post, postRedirect } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const today = () => new Date().toISOString().slice(0, 10);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe("the audit page's URL state", () => {
  it("keeps what is well formed and drops the rest", () => {
    const filters = auditFilters({
      actor: "not-a-uuid",
      action: "role.create",
      from: "2026-13-40",
      to: "2026-03-01",
      page: "x",
    });
    expect(filters).toEqual({
      actor: "",
      target: "",
      action: "role.create",
      q: "",
      from: "",
      to: "2026-03-01",
      page: 1,
    });
    expect(auditSearchParams(filters)).toEqual({ action: "role.create", to: "2026-03-01" });
  });

  it("reads the date range as whole UTC days, the last one included", () => {
    const filters = auditFilters({ from: "2026-03-01", to: "2026-03-07", page: "2" });
    expect(auditQueryOf(filters, 25)).toEqual({
      page: 2,
      page_size: 25,
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-08T00:00:00.000Z",
    });
  });
});

describe.each(DATABASE_KINDS)("the audit log and the console's choices on %s", (kind) => {
  let f: Fixture;
  let vera: string;

  beforeAll(async () => {
    f = await fixture(kind);
    vera = f.ids.vera;
    const admin = await f.viewer("admin");
    const role = { name: "auditors", "perm:audit_log:list": "on", reason: "for the audit" };
    await postRedirect(createRoleAction, role, admin);
    expect(await post(assignRoleAction, { user_id: vera, role_name: "auditors" }, admin)).toMatchObject({
      status: "success",
    });
  });
  afterAll(() => f?.dispose());

  it("offers the demo teams to admins only", async () => {
    expect(await listTeams(await f.viewer("admin"))).toEqual(["east", "west"]);
    for (const username of NON_ADMINS) {
      await expect(listTeams(await f.viewer(username))).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("offers the actors, targets and actions found in the log", async () => {
    const options = await auditFilterOptions(await f.viewer("admin"));
    expect(options.actors).toEqual([{ id: f.ids.admin, username: "admin" }]);
    expect(options.actions).toEqual(["role.assign", "role.create"]);
    expect(options.targets.map((t) => `${t.label}:${t.type}`)).toEqual(["auditors:role", "vera:user"]);
  });

  it("filters by action, by target and by day, newest first", async () => {
    const admin = await f.viewer("admin");
    const list = (params: Record<string, string>) => listAudit(admin, auditQueryOf(auditFilters(params), 25));
    expect((await list({})).items.map((e) => e.action)).toEqual(["role.assign", "role.create"]);
    expect((await list({ action: "role.create" })).items.map((e) => e.target_label)).toEqual(["auditors"]);
    expect((await list({ target: vera })).items.map((e) => e.action)).toEqual(["role.assign"]);
    expect((await list({ from: today(), to: today() })).total).toBe(2);
    expect((await list({ to: dayBefore(today()) })).total).toBe(0);
  });

  it("a role granting audit_log:list lets its holder read the log, still not change anything", async () => {
    const auditor = await f.viewer("vera");
    expect((await auditFilterOptions(auditor)).actions).toContain("role.create");
    for (const username of ["dave", "dev"] as const) {
      await expect(auditFilterOptions(await f.viewer(username))).rejects.toBeInstanceOf(Forbidden);
    }
  });
});
