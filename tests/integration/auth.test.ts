import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { getDb, type Database } from "@/db/client";
import { apiTokens, directPermissionGrants, users } from "@/db/schema";
import { loadViewerById } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";
import { call, tokenFor, userId } from "../support/api";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";

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
  let test: TestDatabase;
  beforeAll(async () => {
    test = await demoDatabase(kind);
  });
  afterAll(() => test?.dispose());

  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`${username}'s effective permissions match the design`, async () => {
      const response = await call(me, "/api/v1/me", { token: await tokenFor(username) });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.username).toBe(username);
      expect(body.permissions).toEqual(expected.permissions);
      expect(body.scopes).toEqual(expected.scopes);
    });
  }

  it("admin and superuser hold everything, with scope all on sales", async () => {
    for (const username of ["admin", "root"]) {
      const body = await (await call(me, "/api/v1/me", { token: await tokenFor(username) })).json();
      expect(body.permissions).toEqual(EVERYTHING);
      expect(body.scopes.sale).toEqual({ create: "all", read: "all", update: "all", delete: "all", list: "all" });
    }
  });

  it("resolving a viewer takes one round trip", async () => {
    const counting = countingDatabase(await getDb());
    const viewer = await loadViewerById(counting.db, await userId("carol"));
    expect(viewer?.can("sale", "update")).toBe(true);
    expect(counting.statements()).toBe(1);
  });

  it("a grant that expired one second ago does not count; one expiring in a minute does", async () => {
    const db = await getDb();
    const vera = await userId("vera");
    await db.insert(directPermissionGrants).values([
      { userId: vera, resource: "export", actions: ["read"], expiresAt: sql`now() - interval '1 second'` },
      { userId: vera, resource: "audit_log", actions: ["list"], expiresAt: sql`now() + interval '1 minute'` },
    ]);
    const viewer = await loadViewerById(db, vera);
    expect(viewer?.can("export", "read")).toBe(false);
    expect(viewer?.can("audit_log", "list")).toBe(true);
    await db.delete(directPermissionGrants).where(eq(directPermissionGrants.userId, vera));
  });

  it("disabling a user stops his token and his session on the next call", async () => {
    const db = await getDb();
    const bob = await userId("bob");
    const token = await tokenFor("bob");
    expect((await call(me, "/api/v1/me", { token })).status).toBe(200);
    expect(await loadViewerById(db, bob, 1)).not.toBeNull();
    await db.update(users).set({ isActive: false }).where(eq(users.id, bob));
    expect((await call(me, "/api/v1/me", { token })).status).toBe(401);
    expect(await loadViewerById(db, bob, 1)).toBeNull();
    await db.update(users).set({ isActive: true }).where(eq(users.id, bob));
  });

  it("a changed session version ends older sessions", async () => {
    const db = await getDb();
    const erin = await userId("erin");
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
    const response = await call(me, "/api/v1/me", { headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty("detail");
  });

  it("expired and revoked tokens get a 401; the Bearer API ignores cookies", async () => {
    const db = await getDb();
    const frank = await userId("frank");
    const expired = await insertToken(db, frank, { name: "old", expiresAt: new Date(Date.now() - 1000) });
    const revoked = await insertToken(db, frank, { name: "gone" });
    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    expect((await call(me, "/api/v1/me", { token: expired.token })).status).toBe(401);
    expect((await call(me, "/api/v1/me", { token: revoked.token })).status).toBe(401);
    const cookieOnly = await call(me, "/api/v1/me", { headers: { cookie: "authjs.session-token=anything" } });
    expect(cookieOnly.status).toBe(401);
  });

  it("a token records its last use", async () => {
    const db = await getDb();
    const created = await insertToken(db, await userId("dave"), { name: "used" });
    await call(me, "/api/v1/me", { token: created.token });
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });
});
