import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server we may create databases on. */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Drops what was made for this suite. */
  dispose(): Promise<void>;
}

/** A new, empty database of the given kind; nothing is shared with any other suite. */
export async function emptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    return { handle, dispose: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 4 });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A migrated and seeded database, installed as this process's database for `lib/` code. */
export async function demoDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const test = await emptyDatabase(kind);
  await migrateDatabase(test.handle);
  await seedDemo(test.handle.db);
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
