import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export interface DatabaseOptions {
  /** postgres://… ; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
  /** Called for every statement sent to PostgreSQL (the benchmarks count round trips with it). */
  onStatement?: () => void;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), ".data", "pglite");
}

type PostgresClient = postgres.Sql;

/**
 * drizzle runs every query through `unsafe()` unprepared (drizzle-orm#6096), and postgres.js then
 * describes each statement with parameters in a round trip of its own before running it. Prepared,
 * a statement is described once per connection and afterwards runs in one round trip. Transactions
 * and savepoints hand their callbacks a client of their own, so those are wrapped too.
 */
function preparing<T extends PostgresClient>(client: T): T {
  const scoped =
    (open: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const body = args.at(-1);
      if (typeof body !== "function") return open(...args);
      return open(...args.slice(0, -1), (inner: PostgresClient) => body(preparing(inner)));
    };
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      }
      const value: unknown = Reflect.get(target, key, receiver);
      if ((key === "begin" || key === "savepoint") && typeof value === "function") {
        return scoped(value.bind(target) as (...args: unknown[]) => unknown);
      }
      return value;
    },
  });
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      debug: options.onStatement,
      // Statements are prepared (below), but still planned for their actual parameters: one
      // owner holds 5% of the sales and another a handful, and a generic plan fits neither.
      connection: { application_name: "sales-dashboard", plan_cache_mode: "force_custom_plan" },
    });
    const db = drizzlePostgres(preparing(client), { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  // PGlite makes its own folder but not the ones above it (a fresh clone has no .data/).
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  return pgliteHandle(await PGlite.create(dir === "memory://" ? undefined : dir));
}

/** A handle on an open PGlite instance (tests start theirs from a dump of a seeded one). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  const pglite = drizzlePglite(client, { schema });
  return {
    db: pglite as unknown as Database,
    kind: "pglite",
    migrate: async () => {
      await migratePglite(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => client.close(),
  };
}

// One database per process, kept on globalThis so hot reload in development does not open a
// second PGlite on the same folder.
const globalForDb = globalThis as unknown as { salesDashboardDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.salesDashboardDb ??= openDatabase({ url: process.env.DATABASE_URL }).catch((error: unknown) => {
    globalForDb.salesDashboardDb = undefined;
    throw error;
  });
  return globalForDb.salesDashboardDb;
}

/** Points this process at a given database (tests, scripts, benchmarks). */
export function useDatabase(handle: DatabaseHandle): void {
  globalForDb.salesDashboardDb = Promise.resolve(handle);
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
