// SIGTERM, as a load balancer's rolling restart sends it, to a server of our own (`npm start`'s
// entry on the suite's PostgreSQL database): new connections are refused at once, a CSV export in
// flight still arrives whole, and a request that outlives SHUTDOWN_GRACE_MS is cut so the process
// still exits. The export is held in flight by a lock on the sales table, not by timing.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { signInWithForm } from "./support/session";
import { E2E_AUTH_SECRET, E2E_DATABASE_URL, E2E_DIST_DIR } from "./support/settings";

test.skip(!E2E_DATABASE_URL, "a server of its own needs a shared PostgreSQL database (E2E_DATABASE_URL)");
test.describe.configure({ timeout: 90_000 });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exit: Promise<number | null>;
}

async function startServer(graceMs: number): Promise<Started> {
  const port = await freePort();
  let output = "";
  const child = spawn("node_modules/.bin/tsx", ["server.ts"], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: E2E_DIST_DIR,
      DATABASE_URL: E2E_DATABASE_URL,
      AUTH_SECRET: E2E_AUTH_SECRET,
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      SHUTDOWN_GRACE_MS: String(graceMs),
    },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 60_000 }).toContain("Ledgerline is serving");
  return { child, port, output: () => output, exit };
}

/** A GET that resolves with status and whole body, or with the error that cut it. */
function get(port: number, path: string, cookie: string) {
  return new Promise<{ status?: number; body: string; error?: string }>((resolve) => {
    let body = "";
    let status: number | undefined;
    const request = http.get({ host: "127.0.0.1", port, path, headers: { cookie } }, (response) => {
      status = response.statusCode;
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status, body }));
      response.on("aborted", () => resolve({ status, body, error: "aborted" }));
      response.on("error", (error) => resolve({ status, body, error: error.message }));
    });
    request.on("error", (error) => resolve({ status, body, error: error.message }));
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** Holds every read of the sales table until `release` (the owner's lock, in a transaction). */
async function lockSales() {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = sql
    .begin(async (tx) => {
      await tx`lock table sales in access exclusive mode`;
      locked();
      await released;
    })
    .finally(() => sql.end());
  await isLocked;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

async function allDeals(): Promise<number> {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from sales`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

async function adminCookie(page: Page): Promise<string> {
  await signInWithForm(page, "admin");
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

test("SIGTERM refuses new connections and lets an export in flight finish whole", async ({ page }) => {
  const cookie = await adminCookie(page);
  const server = await startServer(20_000);
  try {
    const deals = await allDeals();
    const lock = await lockSales();
    const exported = get(server.port, "/sales/export", cookie);
    await new Promise((r) => setTimeout(r, 1_000)); // the export is now waiting on the lock
    server.child.kill("SIGTERM");
    await expect.poll(() => server.output(), { timeout: 30_000 }).toContain("finishing the requests in flight");
    expect(await refusesConnections(server.port)).toBe(true);
    expect(server.child.exitCode).toBeNull();
    await lock.release();
    const result = await exported;
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(200);
    const lines = result.body.trimEnd().split("\n");
    expect(lines.length - 1).toBe(deals);
    expect(await server.exit).toBe(0);
  } finally {
    server.child.kill("SIGKILL");
  }
});

test("SIGTERM cuts a request that outlives SHUTDOWN_GRACE_MS and still exits", async ({ page }) => {
  const cookie = await adminCookie(page);
  const server = await startServer(1_000);
  const lock = await lockSales();
  try {
    const exported = get(server.port, "/sales/export", cookie);
    await new Promise((r) => setTimeout(r, 1_000));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(server.output()).toContain("Requests still open after 1 s");
    const result = await exported;
    expect(result.error).toBeTruthy();
  } finally {
    await lock.release();
    server.child.kill("SIGKILL");
  }
});
