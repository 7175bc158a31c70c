import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, pgliteHandle, useDatabase, type DatabaseHandle } from "@/db/client";
import { databaseUrl } from "./templates";

/** `pgbouncer`: a PostgreSQL database reached through PgBouncer in transaction mode. */
export type DatabaseKind = "pglite" | "postgres" | "pgbouncer";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server we may create databases on. */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** The same, and PostgreSQL through a transaction pooler when the run started one. */
export const POOLED_KINDS: DatabaseKind[] = inject("pgbouncerPort") ? [...DATABASE_KINDS, "pgbouncer"] : DATABASE_KINDS;

export interface TestDatabase {
  /**
   * What the app uses. On PostgreSQL a demo database is opened as the run's least-privileged
   * login (neither superuser nor owner), migrating through the owner, as the README deploys it.
   */
  handle: DatabaseHandle;
  /** The tables' owner, for fixtures and checks the app itself may not make; `handle` on PGlite. */
  owner: DatabaseHandle;
  /** Drops what was made for this suite. */
  dispose(): Promise<void>;
}

function withUser(url: string, user: string): string {
  const next = new URL(url);
  next.username = user;
  next.password = "";
  return next.toString();
}

/**
 * A new PostgreSQL database on TEST_DATABASE_URL's server, empty or copied from a template, opened
 * directly or through the run's PgBouncer. An empty database is opened as the owner (its suites
 * test the migrations themselves); a copy of the demo as the run's login.
 */
async function postgresDatabase(template?: string, pooled = false): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const ownerUrl = pooled
    ? `postgres://postgres@127.0.0.1:${inject("pgbouncerPort")}/${name}`
    : databaseUrl(adminUrl, name);
  const pooler = pooled ? ("transaction" as const) : undefined;
  const owner = await openDatabase({ url: ownerUrl, pooler, max: 4 });
  const login = template ? inject("appLogin") : "";
  const handle = login
    ? await openDatabase({ url: withUser(ownerUrl, login), migrationUrl: ownerUrl, pooler, max: 4 })
    : owner;
  return {
    handle,
    owner,
    dispose: async () => {
      if (handle !== owner) await handle.close();
      await owner.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A new, empty database of the given kind; nothing is shared with any other suite. */
export async function emptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind !== "pglite") return postgresDatabase(undefined, kind === "pgbouncer");
  const handle = await openDatabase({ pgliteDir: "memory://" });
  return { handle, owner: handle, dispose: () => handle.close() };
}

/**
 * A migrated and seeded database of its own, copied from the run's template (tests/support/
 * templates.ts), installed as this process's database for `lib/` code.
 */
export async function demoDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let test: TestDatabase;
  if (kind !== "pglite") {
    test = await postgresDatabase(inject("postgresDemoTemplate"), kind === "pgbouncer");
  } else {
    const dump = new Blob([await readFile(inject("pgliteDemoDump"))]);
    const handle = pgliteHandle(await PGlite.create({ loadDataDir: dump }));
    test = { handle, owner: handle, dispose: () => handle.close() };
  }
  useDatabase(test.handle);
  return test;
}

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is the cause. */
export async function rejectsWithDatabaseError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error))
    throw new Error(`expected a database error matching ${pattern}, but the statement succeeded`);
  const message = error.cause instanceof Error ? error.cause.message : error.message;
  if (!pattern.test(message)) throw new Error(`expected a database error matching ${pattern}, got: ${message}`);
}
