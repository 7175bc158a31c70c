// A PostgreSQL server of its own (initdb on a free port) that the suite stops, stalls and whose
// backends it kills, with the app's database handle left open throughout: every answer meanwhile
// is a 503 with Retry-After (never a 500, never a hang past the deadline), and the same handle
// serves every request again once the server is back, without a restart.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listSalesRoute } from "@/app/api/v1/sales/route";
import { openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import type { Viewer } from "@/lib/auth/principal";
import { checkCredentials } from "@/lib/auth/sign-in";
import { Unavailable } from "@/lib/errors";
import { unavailablePath } from "@/lib/navigation";
import { hasPostgresBinaries, startPrimary, type Cluster } from "../support/servers";
import { apiRequest, type DemoPeople, demoPeople, noParams, type DemoUsername } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null, fails: null as Error | null }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => {
    if (session.fails) throw session.fails;
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
const { createSaleAction } = await import("@/app/(app)/sales/actions");

const DATABASE = "ledgerline";
const DEADLINE_MS = 1_500;

describe.runIf(process.env.TEST_DATABASE_URL && hasPostgresBinaries())("when the database goes away", () => {
  let cluster: Cluster;
  let app: DatabaseHandle;
  let admin: postgres.Sql;
  let people: DemoPeople;

  beforeAll(async () => {
    cluster = await startPrimary();
    admin = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DATABASE}`);
    app = await openDatabase({
      url: cluster.url(DATABASE),
      max: 6,
      timeouts: { deadlineMs: DEADLINE_MS, connectSeconds: 2, statementMs: 1_000, idleInTransactionMs: 1_000 },
    });
    await migrateDatabase(app);
    await seedDemo(app.db);
    useDatabase(app);
    people = await demoPeople(app.db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await admin?.end();
    await cluster?.stop();
  });

  const list = (username: DemoUsername) =>
    listSalesRoute(apiRequest("GET", "/api/v1/sales", people.tokens[username]), noParams);

  /** Each request must answer within `bound` ms: a hang is a failure, not a slow test. */
  const answered = async (username: DemoUsername, bound = DEADLINE_MS + 3_000) => {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<Response>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${bound} ms`)), bound);
    });
    try {
      const response = await Promise.race([list(username), hang]);
      return { status: response.status, headers: response.headers, body: await response.text() };
    } finally {
      clearTimeout(timer);
    }
  };

  const expectUnavailable = (response: { status: number; headers: Headers; body: string }) => {
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(JSON.parse(response.body)).toEqual({ detail: expect.stringMatching(/temporarily unavailable/) });
  };

  /** After a fault: within a few seconds, and then for twenty requests in a row, every answer is a 200. */
  const expectRecovered = async () => {
    const until = Date.now() + 10_000;
    while ((await answered("alice")).status !== 200) {
      if (Date.now() > until) throw new Error("the app did not recover within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await answered((["alice", "carol", "admin"] as const)[i % 3]!)).status);
    expect(statuses).toEqual(Array(20).fill(200));
  };

  it("answers 200 while the database is up", async () => {
    expect((await answered("alice")).status).toBe(200);
  });

  it("stopped: the API, a server action and sign-in say so, and it recovers when the server is back", async () => {
    await cluster.halt();
    try {
      expectUnavailable(await answered("alice"));

      session.viewer = people.viewer("alice");
      const form = new FormData();
      for (const [key, value] of Object.entries({
        customer: "Initech",
        product: "Support",
        region: "EMEA",
        amount: "10",
        status: "open",
        closed_at: "2026-05-01",
      }))
        form.set(key, value);
      expect(await createSaleAction({ status: "idle" }, form)).toEqual({
        status: "error",
        error: expect.stringMatching(/temporarily unavailable/),
      });
      session.fails = new Unavailable();
      expect(await createSaleAction({ status: "idle" }, form)).toMatchObject({ status: "error" });
      session.fails = null;

      await expect(checkCredentials({ login: "alice", password: "password123" }, new Headers())).rejects.toMatchObject({
        code: "unavailable",
      });
    } finally {
      await cluster.resume();
    }
    await expectRecovered();
  });

  it("stalled (every server process stopped): 503 within the deadline, then it recovers", async () => {
    await cluster.signal("SIGSTOP");
    try {
      const started = Date.now();
      const responses = await Promise.all((["alice", "carol", "admin"] as const).map((u) => answered(u)));
      for (const response of responses) expectUnavailable(response);
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 2_000);
    } finally {
      await cluster.signal("SIGCONT");
    }
    await expectRecovered();
  });

  it("a database that does not exist (renamed away) is a 503, and back under its name it serves again", async () => {
    await admin.unsafe(`alter database ${DATABASE} rename to ${DATABASE}_away`).catch(async () => {
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DATABASE}' and pid <> pg_backend_pid()`,
      );
      await admin.unsafe(`alter database ${DATABASE} rename to ${DATABASE}_away`);
    });
    try {
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DATABASE}_away' and pid <> pg_backend_pid()`,
      );
      expectUnavailable(await answered("alice"));
    } finally {
      await admin.unsafe(`alter database ${DATABASE}_away rename to ${DATABASE}`);
    }
    await expectRecovered();
  });

  it("backends killed again and again under load: only 200s and 503s meanwhile, every request served after", async () => {
    const statuses: number[] = [];
    let running = true;
    const users = ["alice", "carol", "admin", "dave"] as const;
    const clients = Array.from({ length: 16 }, async (_, i) => {
      while (running) statuses.push((await answered(users[i % users.length]!)).status);
    });
    for (let round = 0; round < 6; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = ${DATABASE} and pid <> pg_backend_pid()`;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(clients);
    expect(statuses.length).toBeGreaterThan(16);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    await expectRecovered();
    const burst = await Promise.all(Array.from({ length: 32 }, (_, i) => answered(users[i % users.length]!)));
    expect(burst.map((r) => r.status)).toEqual(Array(32).fill(200));
  });

  it("a statement past statement_timeout is ended by the server and answered 503", async () => {
    const { withViewer } = await import("@/db/scoped");
    await expect(
      withViewer(people.viewer("alice"), (tx) => tx.execute(sql`select pg_sleep(3)`)),
    ).rejects.toBeInstanceOf(Unavailable);
    expect((await answered("alice")).status).toBe(200);
  });
});

describe("the page shown while the database is unavailable", () => {
  it("answers 503 with Retry-After, in words, and leads back to the page asked for (same site only)", async () => {
    const { GET } = await import("@/app/unavailable/route");
    const response = GET(new Request(`http://localhost${unavailablePath("/sales?status=won&page=2")}`));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const html = await response.text();
    expect(html).toContain("temporarily unavailable");
    expect(html).toContain('href="/sales?status=won&amp;page=2"');
    const hostile = GET(new Request(`http://localhost/unavailable?from=${encodeURIComponent("//evil.example/")}`));
    expect(await hostile.text()).not.toContain("evil.example");
    expect(unavailablePath("/")).toBe("/unavailable");
    expect(unavailablePath("https://evil.example/")).toBe("/unavailable");
  });
});
