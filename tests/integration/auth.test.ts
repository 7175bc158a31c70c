import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { apiTokens, directPermissionGrants, users } from "@/db/schema";
import { loadViewerById } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";
import { DATABASE_KINDS } from "../support/databases";
import { fixture, type CallOptions, type DemoUsername, type Fixture } from "../support/fixture";

// What the design promises each demo user, in the reference's shape (actions sorted).
const EXPECTED: Record<
  string,
  { permissions: Record<string, string[]>; scopes: Record<string, Record<string, string>> }
> = {
  alice: {
    permissions: {
      experiment: ["list", "read"],
      feature_flag: ["list", "read"],
      report: ["create", "delete", "list", "read", "update"],
      sale: ["create", "list", "read", "update"],
    },
    scopes: {
      report: { create: "own", read: "own", update: "own", delete: "own", list: "own" },
      sale: { create: "own", read: "own", update: "own", list: "own" },
    },
  },
  carol: {
    permissions: {
      experiment: ["list", "read"],
      export: ["list", "read"],
      feature_flag: ["list", "read"],
      report: ["list", "read"],
      sale: ["list", "read", "update"],
    },
    scopes: { report: { read: "team", list: "team" }, sale: { read: "team", update: "team", list: "team" } },
  },
  dave: {
    permissions: {
      experiment: ["list", "read"],
      feature_flag: ["list", "read"],
      permission: ["read"],
      report: ["create", "delete", "list", "read", "update"],
      role: ["read"],
      sale: ["list", "read"],
      user: ["read"],
    },
    scopes: {
      report: { create: "own", read: "all", update: "own", delete: "own", list: "all" },
      sale: { read: "all", list: "all" },
    },
  },
  vera: {
    permissions: { experiment: ["list", "read"], feature_flag: ["list", "read"], report: ["list", "read"] },
    scopes: { report: { read: "own", list: "own" } },
  },
  dev: {
    permissions: {
      experiment: ["create", "delete", "list", "read", "update"],
      feature_flag: ["create", "delete", "list", "read", "update"],
      permission: ["read"],
      report: ["list", "read"],
      role: ["read"],
      user: ["read"],
    },
    scopes: { report: { read: "own", list: "own" } },
  },
};
const ALL_ACTIONS = ["create", "delete", "list", "read", "update"];
const EVERYTHING = Object.fromEntries(
  ["audit_log", "experiment", "export", "feature_flag", "permission", "report", "role", "sale", "user"].map((r) => [
    r,
    ALL_ACTIONS,
  ]),
);

/** Counts the statements a function sends through the database object. */
function countingDatabase(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        statements++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

describe.each(DATABASE_KINDS)("viewer resolution on %s", (kind) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());
  type Me = { username: string; permissions: unknown; scopes: Record<string, unknown> };
  const me = (options: CallOptions) => f.call<Me>("GET", "/api/v1/me", options);

  for (const [username, expected] of Object.entries(EXPECTED) as [DemoUsername, (typeof EXPECTED)[string]][]) {
    it(`${username}'s effective permissions match the design`, async () => {
      const response = await me({ as: username });
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body.username).toBe(username);
      expect(body.permissions).toEqual(expected.permissions);
      expect(body.scopes).toEqual(expected.scopes);
    });
  }

  it("admin and superuser hold everything, with scope all on sales", async () => {
    for (const username of ["admin", "root"] as const) {
      const { body } = await me({ as: username });
      expect(body.permissions).toEqual(EVERYTHING);
      expect(body.scopes.sale).toEqual({ create: "all", read: "all", update: "all", delete: "all", list: "all" });
    }
  });

  it("resolving a viewer takes one round trip", async () => {
    const counting = countingDatabase(await getDb());
    const viewer = await loadViewerById(counting.db, f.ids.carol);
    expect(viewer?.can("sale", "update")).toBe(true);
    expect(counting.statements()).toBe(1);
  });

  it("a grant that expired one second ago does not count; one expiring in a minute does", async () => {
    const db = await getDb();
    const vera = f.ids.vera;
    await db.insert(directPermissionGrants).values([
      { userId: vera, resource: "export", actions: ["read"], expiresAt: sql`now() - interval '1 second'` },
      { userId: vera, resource: "audit_log", actions: ["list"], expiresAt: sql`now() + interval '1 minute'` },
    ]);
    const viewer = await loadViewerById(db, vera);
    expect(viewer?.can("export", "read")).toBe(false);
    expect(viewer?.can("audit_log", "list")).toBe(true);
    await db.delete(directPermissionGrants).where(eq(directPermissionGrants.userId, vera));
  });

  it("disabling a user stops their token and their session on the next call", async () => {
    const db = await getDb();
    const bob = f.ids.bob;
    expect((await me({ as: "bob" })).status).toBe(200);
    expect(await loadViewerById(db, bob, 1)).not.toBeNull();
    await db.update(users).set({ isActive: false }).where(eq(users.id, bob));
    expect((await me({ as: "bob" })).status).toBe(401);
    expect(await loadViewerById(db, bob, 1)).toBeNull();
    await db.update(users).set({ isActive: true }).where(eq(users.id, bob));
  });

  it("a changed session version ends older sessions", async () => {
    const db = await getDb();
    const erin = f.ids.erin;
    await db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, erin));
    expect(await loadViewerById(db, erin, 1)).toBeNull();
    expect(await loadViewerById(db, erin, 2)).not.toBeNull();
  });

  it.each([
    ["no header", undefined],
    ["a malformed header", "Token abc"],
    ["an unknown token", "Bearer ll_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a non-token", "Bearer hello"],
  ])("%s gets a 401 with a JSON body", async (_name, authorization) => {
    const response = await me({ headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(401);
    expect(response.body).toHaveProperty("detail");
  });

  it("expired and revoked tokens get a 401; the Bearer API ignores cookies", async () => {
    const db = await getDb();
    const frank = f.ids.frank;
    const expired = await insertToken(db, frank, { name: "old", expiresAt: new Date(Date.now() - 1000) });
    const revoked = await insertToken(db, frank, { name: "gone" });
    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    expect((await me({ token: expired.token })).status).toBe(401);
    expect((await me({ token: revoked.token })).status).toBe(401);
    const cookieOnly = await me({ headers: { cookie: "authjs.session-token=anything" } });
    expect(cookieOnly.status).toBe(401);
  });

  it("a token records its last use", async () => {
    const db = await getDb();
    const created = await insertToken(db, f.ids.dave, { name: "used" });
    await me({ token: created.token });
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });
});
