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
  handle: DatabaseHandle;
  /** Drops what was made for this suite. */
  dispose(): Promise<void>;
}

/**
 * A new PostgreSQL database on TEST_DATABASE_URL's server, empty or copied from a template, opened
 * directly or through the run's PgBouncer.
 */
async function postgresDatabase(template?: string, pooled = false): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const handle = await openDatabase(
    pooled
      ? { url: `postgres://postgres@127.0.0.1:${inject("pgbouncerPort")}/${name}`, pooler: "transaction", max: 4 }
      : { url: databaseUrl(adminUrl, name), max: 4 },
  );
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A new, empty database of the given kind; nothing is shared with any other suite. */
export async function emptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind !== "pglite") return postgresDatabase(undefined, kind === "pgbouncer");
  const handle = await openDatabase({ pgliteDir: "memory://" });
  return { handle, dispose: () => handle.close() };
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
    test = { handle, dispose: () => handle.close() };
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
