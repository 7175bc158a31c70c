import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startViewAsAction } from "@/app/(app)/admin/users/actions";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { Forbidden, NotFound } from "@/lib/errors";
import { PREVIEW_LIFETIME_MS, openViewAs, startViewAs, viewAsTarget } from "@/lib/rbac/view-as";
import { listSales } from "@/lib/sales/queries";
import { DATABASE_KINDS } from "../support/databases";
import { fixture, postRedirect, type DemoUsername, type Fixture } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe.each(DATABASE_KINDS)("view as on %s", (kind) => {
  let f: Fixture;
  const viewer = (username: DemoUsername) => f.viewer(username);

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const viewAsRows = async (targetId: string) =>
    (await getDb())
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.view_as"), eq(auditLog.targetId, targetId)));

  it("opening the page (a GET) records nothing and shows no preview, even with a made-up preview id", async () => {
    const admin = await viewer("admin");
    const erin = f.ids.erin;
    expect((await viewAsTarget(admin, erin)).username).toBe("erin");
    expect(await openViewAs(admin, erin, undefined)).toMatchObject({ previewId: null });
    expect(await openViewAs(admin, erin, "00000000-0000-4000-8000-000000000000")).toMatchObject({ previewId: null });
    expect(await openViewAs(admin, erin, "not-a-uuid")).toMatchObject({ previewId: null });
    expect(await viewAsRows(erin)).toHaveLength(0);
  });

  it("the console's POST records exactly one row and leads to the preview it names", async () => {
    const admin = await viewer("admin");
    const frank = f.ids.frank;
    const to = await postRedirect(startViewAsAction, { user_id: frank }, admin);
    const rows = await viewAsRows(frank);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: admin.id, targetLabel: "frank" });
    expect(to).toBe(`/admin/users/${frank}/view-as?preview=${rows[0]!.id}`);
    // Browsing the preview (its tabs, a reload) records nothing more.
    const opened = await openViewAs(admin, frank, rows[0]!.id);
    expect(opened.previewId).toBe(rows[0]!.id);
    expect(opened.target.username).toBe("frank");
    await openViewAs(admin, frank, rows[0]!.id);
    expect(await viewAsRows(frank)).toHaveLength(1);
  });

  it("a preview id opens only its own admin's preview of its own user, and only for a while", async () => {
    const admin = await viewer("admin");
    const root = await viewer("root");
    const [bob, erin] = [f.ids.bob, f.ids.erin];
    const { previewId } = await startViewAs(admin, bob);
    expect((await openViewAs(admin, erin, previewId)).previewId).toBeNull();
    expect((await openViewAs(root, bob, previewId)).previewId).toBeNull();
    const later = new Date(Date.now() + PREVIEW_LIFETIME_MS + 60_000);
    expect((await openViewAs(admin, bob, previewId, later)).previewId).toBeNull();
  });

  it("gives the admin alice's own viewer, with her scope, and records the preview", async () => {
    const admin = await viewer("admin");
    const { target: alice } = await startViewAs(admin, f.ids.alice);
    expect(alice.username).toBe("alice");
    expect(alice.scope("sale", "list")).toEqual(["own"]);
    const page = await listSales(alice, {
      page: 1,
      pageSize: 200,
      sort: { column: "closed_at", descending: true },
      filters: {},
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((sale) => sale.ownerId === alice.id)).toBe(true);
    const audit = await viewAsRows(alice.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(admin.id);
  });

  it("refuses anyone who is not an admin, and records nothing", async () => {
    for (const username of ["dave", "carol", "vera"] as const) {
      for (const attempt of [startViewAs, viewAsTarget]) {
        await expect(attempt(await viewer(username), f.ids.alice)).rejects.toBeInstanceOf(Forbidden);
      }
    }
    const audit = await (await getDb()).select().from(auditLog).where(eq(auditLog.action, "user.view_as"));
    expect(audit.every((row) => row.actorUsername === "admin")).toBe(true);
  });

  it("answers NotFound for an unknown id or a malformed one", async () => {
    const admin = await viewer("admin");
    await expect(startViewAs(admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFound);
    await expect(startViewAs(admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFound);
    await expect(openViewAs(admin, "not-a-uuid", undefined)).rejects.toBeInstanceOf(NotFound);
  });
});
