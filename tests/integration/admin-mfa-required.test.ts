// REQUIRE_ADMIN_MFA as part of authorization, not of a layout: every admin page, the console's
// lib functions and actions, and the Bearer API refuse an admin or superuser without a second
// factor. The pages run for real from the session cookie's claims onwards (the cookie's decoder is
// the only stand-in); redirect/forbidden/notFound are recorded as thrown errors.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getRoleRoute } from "@/app/api/v1/rbac/roles/[role_name]/route";
import { GET as listRolesRoute, POST as createRoleRoute } from "@/app/api/v1/rbac/roles/route";
import { GET as permissionsRoute } from "@/app/api/v1/rbac/users/[user_id]/permissions/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { GET as listSalesRoute } from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import { confirmEnrolment, startEnrolment } from "@/lib/auth/mfa";
import { EnrolmentRequired } from "@/lib/auth/mfa-policy";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { endAllSessionsOf, startSession } from "@/lib/auth/sessions";
import { codeAt } from "@/lib/auth/totp";
import { Forbidden } from "@/lib/errors";
import { listAudit } from "@/lib/rbac/audit";
import { getRole, getUserDetail, listRoles, listUsers } from "@/lib/rbac/service";
import { startViewAs } from "@/lib/rbac/view-as";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, noParams, type DemoUsername } from "../support/fixture";

const claims = vi.hoisted(() => ({
  current: null as null | { userId: string; sessionId: string; sessionVersion: number },
}));
vi.mock("@/lib/auth/session-cookie", () => ({ readSessionCookie: async () => claims.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => new Map() }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (path: string) => {
    throw new Error(`redirect:${path}`);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));
const { endAllSessionsAction } = await import("@/app/(app)/admin/users/actions");

const ENROL = "redirect:/account/security?required=admin";

/** Every admin page, with the props it is rendered with. */
const ADMIN_PAGES: { path: string; render: (ids: { vera: string }) => Promise<unknown> }[] = [
  {
    path: "/admin/users",
    render: async () => (await import("@/app/(app)/admin/users/page")).default({ searchParams: Promise.resolve({}) }),
  },
  {
    path: "/admin/users/[id]",
    render: async ({ vera }) =>
      (await import("@/app/(app)/admin/users/[id]/page")).default({
        params: Promise.resolve({ id: vera }),
        searchParams: Promise.resolve({}),
      }),
  },
  {
    path: "/admin/users/[id]/view-as",
    render: async ({ vera }) =>
      (await import("@/app/(app)/admin/users/[id]/view-as/page")).default({
        params: Promise.resolve({ id: vera }),
        searchParams: Promise.resolve({}),
      }),
  },
  {
    path: "/admin/roles",
    render: async () => (await import("@/app/(app)/admin/roles/page")).default({ searchParams: Promise.resolve({}) }),
  },
  { path: "/admin/roles/new", render: async () => (await import("@/app/(app)/admin/roles/new/page")).default() },
  {
    path: "/admin/roles/[name]",
    render: async () =>
      (await import("@/app/(app)/admin/roles/[name]/page")).default({
        params: Promise.resolve({ name: "sales-rep" }),
        searchParams: Promise.resolve({}),
      }),
  },
  {
    path: "/admin/audit",
    render: async () => (await import("@/app/(app)/admin/audit/page")).default({ searchParams: Promise.resolve({}) }),
  },
];

/** What rendering a page did: "rendered", or the redirect/forbidden/notFound it threw. */
async function outcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    if (error instanceof Error && /^(redirect:|forbidden|notFound)/.test(error.message)) return error.message;
    throw error;
  }
}

describe.each(DATABASE_KINDS)("REQUIRE_ADMIN_MFA on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.handle.db);
  });
  afterAll(() => test?.dispose());
  afterEach(() => {
    delete process.env.REQUIRE_ADMIN_MFA;
    claims.current = null;
  });

  /** Signs `username` in (a real session row) and answers their viewer as loaded now. */
  async function signIn(username: DemoUsername): Promise<Viewer> {
    const viewer = await loadViewerById(test.handle.db, people.ids[username]);
    if (!viewer) throw new Error(`${username} is not active`);
    const sessionId = await startSession(test.handle.db, viewer.id, { address: "127.0.0.1", userAgent: null });
    claims.current = { userId: viewer.id, sessionId, sessionVersion: viewer.sessionVersion };
    return viewer;
  }

  async function enrol(username: DemoUsername): Promise<void> {
    const viewer = await signIn(username);
    const enrolment = await startEnrolment(viewer);
    await confirmEnrolment(viewer, { ticket: enrolment.ticket, code: codeAt(enrolment.secret, Date.now()) });
  }

  const bearer = (username: DemoUsername, path: string) => apiRequest("GET", path, people.tokens[username]);

  it.each(ADMIN_PAGES.map((page) => [page.path, page] as const))(
    "%s sends an admin and a superuser without a second factor to enrol",
    async (_path, page) => {
      const ids = { vera: people.ids.vera };
      for (const username of ["admin", "root"] as const) {
        await signIn(username);
        expect(await outcome(() => page.render(ids))).toBe("rendered");
        process.env.REQUIRE_ADMIN_MFA = "true";
        expect(await outcome(() => page.render(ids))).toBe(ENROL);
        delete process.env.REQUIRE_ADMIN_MFA;
      }
    },
  );

  it("the console's lib functions refuse an un-enrolled admin whatever the page asked first", async () => {
    process.env.REQUIRE_ADMIN_MFA = "true";
    const admin = await signIn("admin");
    const vera = people.ids.vera;
    const refusals = [
      listUsers(admin),
      getUserDetail(admin, vera),
      listRoles(admin),
      getRole(admin, "sales-rep"),
      listAudit(admin, {}),
      startViewAs(admin, vera),
      endAllSessionsOf(admin, vera),
    ];
    for (const refused of refusals) await expect(refused).rejects.toBeInstanceOf(EnrolmentRequired);
    // Non-admins are not asked for a second factor: their own permissions decide.
    const dave = people.viewer("dave");
    expect((await listRoles(dave)).length).toBeGreaterThan(0);
    await expect(listUsers(people.viewer("vera"))).rejects.not.toBeInstanceOf(EnrolmentRequired);
    await expect(listUsers(people.viewer("vera"))).rejects.toBeInstanceOf(Forbidden);
  });

  it("an admin action outside the console forms (ending a user's sessions) is refused too", async () => {
    const alice = people.ids.alice;
    const alicesSession = await startSession(test.handle.db, alice, { address: "127.0.0.1", userAgent: null });
    process.env.REQUIRE_ADMIN_MFA = "true";
    await signIn("admin");
    const form = new FormData();
    form.set("user_id", alice);
    expect(await endAllSessionsAction({ status: "idle" }, form)).toMatchObject({
      status: "error",
      error: expect.stringMatching(/two-factor sign-in/),
    });
    const [row] = await queryRows<{ ended_at: string | null }>(
      test.handle.db,
      sql`select ended_at from user_sessions where id = ${alicesSession}`,
    );
    expect(row?.ended_at).toBeNull();
  });

  it("an admin's Bearer token made before the setting gets 403 naming enrolment, on every route", async () => {
    process.env.REQUIRE_ADMIN_MFA = "true";
    for (const username of ["admin", "root"] as const) {
      const responses = [
        await listRolesRoute(bearer(username, "/api/v1/rbac/roles"), noParams),
        await getRoleRoute(bearer(username, "/api/v1/rbac/roles/sales-rep"), {
          params: Promise.resolve({ role_name: "sales-rep" }),
        }),
        await permissionsRoute(bearer(username, "/api/v1/rbac/users/x/permissions"), {
          params: Promise.resolve({ user_id: people.ids[username] }),
        }),
        await meRoute(bearer(username, "/api/v1/me"), noParams),
        await listSalesRoute(bearer(username, "/api/v1/sales"), noParams),
      ];
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.headers.get("content-type")).toMatch(/application\/json/);
        expect((await response.json()).detail).toMatch(/two-factor sign-in.*\/account\/security.*admins/);
      }
    }
    const created = await createRoleRoute(
      apiRequest("POST", "/api/v1/rbac/roles", people.tokens.admin, { name: "made-unenrolled", permissions: [] }),
      noParams,
    );
    expect(created.status).toBe(403);
    const made = await queryRows(test.handle.db, sql`select 1 from custom_roles where name = 'made-unenrolled'`);
    expect(made).toHaveLength(0);
    // Everyone else's tokens are untouched by the setting.
    expect((await listRolesRoute(bearer("dave", "/api/v1/rbac/roles"), noParams)).status).toBe(200);
    expect((await listSalesRoute(bearer("alice", "/api/v1/sales"), noParams)).status).toBe(200);
  });

  it("once the admin enrols, the same token, pages and functions work again", async () => {
    await enrol("admin");
    process.env.REQUIRE_ADMIN_MFA = "true";
    expect((await listRolesRoute(bearer("admin", "/api/v1/rbac/roles"), noParams)).status).toBe(200);
    const admin = await signIn("admin");
    expect((await listUsers(admin)).items.length).toBeGreaterThan(0);
    const ids = { vera: people.ids.vera };
    for (const page of ADMIN_PAGES)
      expect([page.path, await outcome(() => page.render(ids))]).toEqual([page.path, "rendered"]);
    // root still has no second factor: still refused.
    expect((await listRolesRoute(bearer("root", "/api/v1/rbac/roles"), noParams)).status).toBe(403);
  });
});
