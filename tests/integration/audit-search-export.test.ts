// The audit log's search box and its CSV export: server-side, bounded, NUL-safe, the same filters
// as the page, the permission checked on every call, and no cell a spreadsheet would run.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(app)/admin/audit/export/route";
import { createRoleAction } from "@/app/(app)/admin/roles/actions";
import { grantAction } from "@/app/(app)/admin/users/actions";
import { queryRows } from "@/db/client";
import { Forbidden, Invalid } from "@/lib/errors";
import { AUDIT_CSV_HEADER, AUDIT_EXPORT_BATCH } from "@/lib/rbac/audit";
import { auditFilters, auditQueryOf } from "@/app/(app)/admin/search-params";
import { exportAuditCsv, listAudit } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { session } from "../support/session";
import { fixture, type Fixture, post, postRedirect } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const csvOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const lines = (csv: string) => csv.split("\r\n").filter((line) => line !== "");

describe("the search box's URL state", () => {
  it("strips NUL and broken characters and cuts the words to 100 characters", () => {
    expect(auditFilters({ q: "  ve\u0000ra  " }).q).toBe("vera");
    expect(auditFilters({ q: "x".repeat(500) }).q).toHaveLength(100);
    expect(auditQueryOf(auditFilters({ q: "vera" }), 25)).toMatchObject({ q: "vera" });
  });
});

describe.each(DATABASE_KINDS)("searching and exporting the audit log on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
    const admin = await f.viewer("admin");
    await postRedirect(
      createRoleAction,
      { name: "auditors", "perm:audit_log:list": "on", reason: '=HYPERLINK("x")' },
      admin,
    );
    const grant = await post(
      grantAction,
      {
        user_id: f.ids.vera,
        resource: "audit_log",
        actions: ["list"],
        reason: "quarterly review, 100% of rows",
      },
      admin,
    );
    expect(grant).toMatchObject({ status: "success" });
  });
  afterAll(() => f?.dispose());

  it("finds words in the target, the actor, the action and the reason, whatever their case", async () => {
    const admin = await f.viewer("admin");
    const search = async (q: string) =>
      (await listAudit(admin, auditQueryOf(auditFilters({ q }), 25))).items.map((entry) => entry.action);
    expect(await search("VERA")).toEqual(["grant.create"]);
    expect(await search("auditors")).toEqual(["role.create"]);
    expect(await search("Admin")).toEqual(["grant.create", "role.create"]);
    expect(await search("role.cre")).toEqual(["role.create"]);
    expect(await search("quarterly")).toEqual(["grant.create"]);
    expect(await search("nobody-by-this-name")).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    const admin = await f.viewer("admin");
    const total = async (q: string) => (await listAudit(admin, { q })).total;
    expect(await total("100%")).toBe(1);
    expect(await total("%")).toBe(1);
    expect(await total("_")).toBe(0);
  });

  it("refuses a NUL or an over-long search with 422, never a database error", async () => {
    const admin = await f.viewer("admin");
    await expect(listAudit(admin, { q: "ve\u0000ra" })).rejects.toBeInstanceOf(Invalid);
    await expect(listAudit(admin, { q: "x".repeat(101) })).rejects.toBeInstanceOf(Invalid);
    expect(() => exportAuditCsv(admin, { q: "\u0000" })).toThrow(Invalid);
  });

  it("exports the filtered log as CSV with a sentence per entry and formulas defused", async () => {
    const csv = lines(await csvOf(exportAuditCsv(await f.viewer("admin"), {})));
    expect(csv[0]).toBe(AUDIT_CSV_HEADER.join(","));
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain("admin granted vera Audit log: list with no expiry");
    expect(csv[2]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(csv.join("\n")).not.toMatch(/,"?=HYPERLINK/);
    const filtered = lines(await csvOf(exportAuditCsv(await f.viewer("admin"), { q: "auditors" })));
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toContain("role.create");
  });

  it("refuses the export to whoever may not list the log, before reading a row", async () => {
    for (const username of ["dave", "dev", "alice"] as const) {
      const viewer = await f.viewer(username);
      expect(() => exportAuditCsv(viewer, {})).toThrow(Forbidden);
    }
    // vera holds audit_log:list by the grant above.
    expect(lines(await csvOf(exportAuditCsv(await f.viewer("vera"), {})))).toHaveLength(3);
  });

  it("the route sends the CSV to a permitted viewer and the 403 page's address to anyone else", async () => {
    const request = () => new NextRequest("http://localhost/admin/audit/export?q=auditors&page=3");
    session.viewer = await f.viewer("admin");
    const allowed = await exportRoute(request());
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(allowed.headers.get("cache-control")).toBe("private, no-store");
    expect(lines(await allowed.text())).toHaveLength(2);
    session.viewer = await f.viewer("dave");
    const refused = await exportRoute(request());
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/admin/audit");
    session.viewer = null;
    const signedOut = await exportRoute(request());
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toMatch(/^\/login\?callbackUrl=/);
  });

  it("streams every row across batches, rows written in the same microsecond included", async () => {
    const n = AUDIT_EXPORT_BATCH * 2 + 1;
    await queryRows(
      f.test.handle.db,
      sql`insert into audit_log (actor_username, action, target_type, target_label, created_at)
          select 'bulk-loader', 'user.view_as', 'user', 'bulk-' || i, timestamptz '2026-01-01 00:00:00.123456+00'
          from generate_series(1, ${n}) as i`,
    );
    const csv = lines(await csvOf(exportAuditCsv(await f.viewer("admin"), { q: "bulk-loader" })));
    expect(csv).toHaveLength(n + 1);
    expect(new Set(csv.slice(1)).size).toBe(n);
  });
});
