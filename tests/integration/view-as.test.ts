import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { viewAs } from "@/lib/rbac/view-as";
import { listSales } from "@/lib/sales/queries";
import { userId } from "../support/api";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";

describe.each(DATABASE_KINDS)("view as on %s", (kind) => {
  let test: TestDatabase;
  const viewer = async (username: string) => (await loadViewerById(await getDb(), await userId(username))) as Viewer;

  beforeAll(async () => {
    test = await demoDatabase(kind);
  });
  afterAll(() => test?.dispose());

  it("gives the admin alice's own viewer, with her scope, and records the preview", async () => {
    const admin = await viewer("admin");
    const alice = await viewAs(admin, await userId("alice"));
    expect(alice.username).toBe("alice");
    expect(alice.scope("sale", "list")).toBe("own");
    const page = await listSales(alice, {
      page: 1,
      pageSize: 200,
      sort: { column: "closed_at", descending: true },
      filters: {},
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((sale) => sale.ownerId === alice.id)).toBe(true);
    const audit = await (
      await getDb()
    )
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.view_as"), eq(auditLog.targetId, alice.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(admin.id);
  });

  it("refuses anyone who is not an admin, and records nothing", async () => {
    for (const username of ["dave", "carol", "vera"]) {
      await expect(viewAs(await viewer(username), await userId("alice"))).rejects.toBeInstanceOf(Forbidden);
    }
    const audit = await (await getDb()).select().from(auditLog).where(eq(auditLog.action, "user.view_as"));
    expect(audit.every((row) => row.actorUsername === "admin")).toBe(true);
  });

  it("answers NotFound for an unknown id or a malformed one", async () => {
    const admin = await viewer("admin");
    await expect(viewAs(admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFound);
    await expect(viewAs(admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFound);
  });
});
