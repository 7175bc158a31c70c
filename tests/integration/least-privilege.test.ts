// The deployment the README recommends: the app signs in as a role that is a member of
// sales_login only (neither superuser nor owner), and migrations run as the owner through
// DATABASE_MIGRATION_URL. Everything the app does works that way, and SQL run as that login can
// neither leave the application role's rights nor read the row context key.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as listSales, POST as createSale } from "@/app/api/v1/sales/route";
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { withViewer } from "@/db/scoped";
import { DEFAULT_DEMO_PASSWORD } from "@/db/seed";
import { loadViewerBySession } from "@/lib/auth/principal";
import { endSession, startSession } from "@/lib/auth/sessions";
import { checkCredentials } from "@/lib/auth/sign-in";
import { SignInRefused } from "@/lib/auth/sign-in-refused";
import { POOLED_KINDS, demoDatabase, rejectsWithDatabaseError } from "../support/databases";
import { databaseUrl } from "../support/templates";
import { apiRequest, type DemoPeople, demoPeople, noParams } from "../support/fixture";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("a least-privileged login on PostgreSQL", () => {
  const suffix = randomBytes(6).toString("hex");
  const name = `test_${suffix}`;
  const login = `test_login_${suffix}`;
  let admin: postgres.Sql;
  let ownerUrl: string;
  let loginUrl: string;
  let app: DatabaseHandle;
  let people: DemoPeople;

  beforeAll(async () => {
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject("postgresDemoTemplate")}`);
    await admin.unsafe(`create role ${login} login in role sales_login`);
    ownerUrl = databaseUrl(adminUrl!, name);
    const url = new URL(ownerUrl);
    url.username = login;
    url.password = "";
    loginUrl = url.toString();
    app = await openDatabase({ url: loginUrl, migrationUrl: ownerUrl, max: 4 });
    useDatabase(app);
    people = await demoPeople(app.db);
  });
  afterAll(async () => {
    await app?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists ${login}`);
    await admin.end();
  });

  it("is neither a superuser nor the tables' owner", async () => {
    const [row] = await queryRows<{ superuser: boolean; owner: string; me: string }>(
      app.db,
      sql`select rolsuper as superuser, current_user as me,
        (select tableowner from pg_tables where schemaname = 'public' and tablename = 'sales') as owner
        from pg_roles where rolname = current_user`,
    );
    expect(row).toEqual({ superuser: false, me: login, owner: "postgres" });
  });

  it("migrates through DATABASE_MIGRATION_URL, and could not migrate as itself", async () => {
    await migrateDatabase(app);
    const itself = await openDatabase({ url: loginUrl, max: 1 });
    try {
      await expect(migrateDatabase(itself)).rejects.toThrow(/permission denied/);
    } finally {
      await itself.close();
    }
  });

  it("checks passwords and keeps the sign-in throttle", async () => {
    const headers = new Headers({ "x-forwarded-for": "127.0.0.9" });
    const user = await checkCredentials({ login: "alice", password: DEFAULT_DEMO_PASSWORD }, headers);
    expect(user.id).toBe(people.ids.alice);
    await expect(checkCredentials({ login: "alice", password: "wrong-password" }, headers)).rejects.toBeInstanceOf(
      SignInRefused,
    );
    const [throttle] = await queryRows<{ n: number }>(app.db, sql`select count(*)::int as n from sign_in_throttle`);
    expect(throttle?.n).toBeGreaterThan(0);
  });

  it("starts, checks and ends sessions", async () => {
    const alice = people.viewer("alice");
    const session = await startSession(app.db, alice.id, { address: "127.0.0.9", userAgent: "test" });
    expect((await loadViewerBySession(app.db, alice.id, session, alice.sessionVersion, 60))?.id).toBe(alice.id);
    await endSession(app.db, session, "signed out");
    expect(await loadViewerBySession(app.db, alice.id, session, alice.sessionVersion, 60)).toBeNull();
  });

  it("lists only the caller's rows and creates a sale with its audit row", async () => {
    const listed = await listSales(apiRequest("GET", "/api/v1/sales?page_size=100", people.tokens.alice), noParams);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { items: { owner_id: string }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.items.map((sale) => sale.owner_id))).toEqual(new Set([people.ids.alice]));
    const created = await createSale(
      apiRequest("POST", "/api/v1/sales", people.tokens.alice, {
        customer: "Least Privilege Ltd",
        product: "CRM Pro",
        region: "EMEA",
        amount: 10,
        status: "open",
        closed_at: "2026-05-01",
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const audit =
        await owner`select count(*)::int as n from audit_log where action like 'sale.%' and actor_id = ${people.ids.alice}`;
      expect(audit[0]?.n).toBeGreaterThan(0);
    } finally {
      await owner.end();
    }
  });

  it("sees no sales outside a viewer's transaction", async () => {
    const [row] = await queryRows<{ n: number }>(app.db, sql`select count(*)::int as n from sales`);
    expect(row?.n).toBe(0);
  });

  it("cannot leave the application role's rights from inside a request's transaction", async () => {
    const alice = people.viewer("alice");
    for (const attempt of [
      sql`select inner_pad from row_context_key`,
      sql`update audit_log set action = 'rewritten'`,
      sql`delete from audit_log`,
      sql`select password_hash from users`,
    ]) {
      await rejectsWithDatabaseError(
        withViewer(alice, (tx) => tx.execute(attempt)),
        /permission denied/,
      );
    }
    // RESET ROLE goes back to the login, which is no stronger where it matters.
    await rejectsWithDatabaseError(
      withViewer(alice, async (tx) => {
        await tx.execute(sql`reset role`);
        return tx.execute(sql`select inner_pad from row_context_key`);
      }),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(alice, (tx) => tx.execute(sql`set role postgres`)),
      /permission denied/,
    );
  });

  it("answers the health check", async () => {
    const response = await health();
    expect(response.status).toBe(200);
  });
});

describe.skipIf(!adminUrl)("the integration suites' own databases on PostgreSQL", () => {
  it.each(POOLED_KINDS.filter((kind) => kind !== "pglite"))(
    "are opened on %s as the run's login, which is neither superuser nor owner",
    async (kind) => {
      const test = await demoDatabase(kind);
      try {
        const [row] = await queryRows<{ me: string; superuser: boolean; owner: string }>(
          test.handle.db,
          sql`select current_user as me, rolsuper as superuser,
            (select tableowner from pg_tables where schemaname = 'public' and tablename = 'sales') as owner
            from pg_roles where rolname = current_user`,
        );
        expect(row).toEqual({ me: inject("appLogin"), superuser: false, owner: "postgres" });
        expect(row?.me).not.toBe("");
        // Outside a viewer's transaction the policies show it nothing; the owner sees the demo.
        const count = sql`select count(*)::int as n from sales`;
        expect((await queryRows<{ n: number }>(test.handle.db, count))[0]?.n).toBe(0);
        expect((await queryRows<{ n: number }>(test.owner.db, count))[0]?.n).toBeGreaterThan(0);
      } finally {
        await test.dispose();
      }
    },
  );
});
