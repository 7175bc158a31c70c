import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
  type SQL,
} from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import postgres from "postgres";
import { isUnreachable } from "@/db/errors";
import { Unavailable } from "@/lib/errors";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  /** How long the database may take before a request gives up on it. */
  timeouts: Timeouts;
  /** Where the dashboard's heavy reads go: a read replica when one is configured, else `db`. */
  reader: Database;
  kind: "postgres" | "pglite";
  /**
   * Runs `fn` in a transaction whose first statement is `opening` (the transaction's settings), on
   * the primary or, with `onReader`, read-only on `reader` when that is a replica. On PostgreSQL the
   * opening goes out in the same write as the callback's first statements, so it costs no round
   * trip of its own; a failed opening fails them (the transaction is aborted) and rolls back.
   */
  transaction<T>(opening: SQL, fn: (tx: Tx) => Promise<T>, options?: { onReader?: boolean }): Promise<T>;
  /**
   * Applies pending migrations, then `finally` (plain SQL statements of the owner's, such as
   * storing the row context key) in the same transaction, as the migrating role.
   */
  migrate(finally_?: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * How statements reach PostgreSQL. `session` (direct connections, or a session-mode pooler):
 * prepared once per connection. `transaction` (PgBouncer in transaction mode, and managed
 * poolers): unnamed statements only, since the pooler hands consecutive transactions to different
 * server connections, and no startup parameters beyond the ones poolers accept.
 */
export type PoolerMode = "session" | "transaction";

/** A setting the database cannot be opened with; told in one line, without a stack trace. */
export class InvalidSetting extends Error {}

export function poolerMode(value = process.env.DATABASE_POOLER): PoolerMode {
  if (!value || value === "session") return "session";
  if (value === "transaction") return "transaction";
  throw new InvalidSetting(`DATABASE_POOLER must be "transaction" or unset, not "${value}"`);
}

/**
 * Bounds on waiting for PostgreSQL, so a stalled or overloaded database costs a request a few
 * seconds and a clear 503, not a hung connection. Each is configurable (see `timeoutsFromEnv`).
 */
export interface Timeouts {
  /**
   * statement_timeout, set in every request's transaction (SET LOCAL, so it holds behind a
   * transaction pooler too; migrations, the seed and the benchmarks' bulk loads are not bounded).
   */
  statementMs: number;
  /** idle_in_transaction_session_timeout: a transaction left open is ended by the server. */
  idleInTransactionMs: number;
  /** How long opening a connection may take. */
  connectSeconds: number;
  /** How long one request waits for one database step (loading the viewer, one transaction). */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  statementMs: 10_000,
  idleInTransactionMs: 10_000,
  connectSeconds: 10,
  deadlineMs: 15_000,
};

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidSetting(`${name} must be a positive number, not "${value}"`);
  return number;
}

export function timeoutsFromEnv(env = process.env): Timeouts {
  return {
    statementMs: positiveNumber(
      "DATABASE_STATEMENT_TIMEOUT_MS",
      env.DATABASE_STATEMENT_TIMEOUT_MS,
      DEFAULT_TIMEOUTS.statementMs,
    ),
    idleInTransactionMs: positiveNumber(
      "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      DEFAULT_TIMEOUTS.idleInTransactionMs,
    ),
    connectSeconds: positiveNumber(
      "DATABASE_CONNECT_TIMEOUT_S",
      env.DATABASE_CONNECT_TIMEOUT_S,
      DEFAULT_TIMEOUTS.connectSeconds,
    ),
    deadlineMs: positiveNumber(
      "DATABASE_REQUEST_DEADLINE_MS",
      env.DATABASE_REQUEST_DEADLINE_MS,
      DEFAULT_TIMEOUTS.deadlineMs,
    ),
  };
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export interface DatabaseOptions {
  /** postgres://… ; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /** postgres://… of a read replica for the dashboard's heavy reads (DATABASE_READ_URL). */
  readUrl?: string;
  /** postgres://… used for migrations instead of `url` (DATABASE_MIGRATION_URL), e.g. past a pooler. */
  migrationUrl?: string;
  /** How statements reach PostgreSQL (DATABASE_POOLER). */
  pooler?: PoolerMode;
  /** Pool size for PostgreSQL. */
  max?: number;
  /** Called for every statement sent to PostgreSQL (the benchmarks count round trips with it). */
  onStatement?: () => void;
  timeouts?: Partial<Timeouts>;
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
function preparing<T extends PostgresClient | postgres.TransactionSql>(client: T): T {
  const scoped =
    (open: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const body = args.at(-1);
      if (typeof body !== "function") return open(...args);
      return open(...args.slice(0, -1), (inner: postgres.TransactionSql) => body(preparing(inner)));
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

/** The settings that choose the database, from the environment. */
export function databaseOptionsFromEnv(env = process.env): DatabaseOptions {
  return {
    url: env.DATABASE_URL || undefined,
    readUrl: env.DATABASE_READ_URL || undefined,
    migrationUrl: env.DATABASE_MIGRATION_URL || undefined,
    pooler: poolerMode(env.DATABASE_POOLER),
    timeouts: timeoutsFromEnv(env),
  };
}

function postgresClient(url: string, options: DatabaseOptions, max = options.max ?? 10): PostgresClient {
  const pooled = options.pooler === "transaction";
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return postgres(url, {
    max,
    prepare: !pooled,
    connect_timeout: timeouts.connectSeconds,
    onnotice: () => {},
    debug: options.onStatement,
    // Prepared statements are still planned for their actual parameters: one owner holds 5% of
    // the sales and another a handful, and a generic plan fits neither. Unnamed statements (the
    // pooled mode) always are, and poolers refuse startup parameters they do not know.
    connection: pooled
      ? { application_name: "sales-dashboard" }
      : { application_name: "sales-dashboard", plan_cache_mode: "force_custom_plan" },
  });
}

const dialect = new PgDialect();
const relations = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
const relationalSchema = { fullSchema: schema, schema: relations.tables, tableNamesMap: relations.tableNamesMap };

/**
 * Transactions that open with a statement of settings without waiting for it: drizzle's own
 * `transaction()` would send it only after BEGIN's reply, and then wait for its reply before the
 * callback's first query. Here the settings are queued on the transaction's connection before the
 * callback runs, so postgres.js (which writes a connection's queued statements together) sends
 * them with the callback's first statements, and the callback gets the same drizzle transaction
 * `transaction()` would have built.
 */
function openingTransaction(wrapClient: (client: postgres.TransactionSql) => postgres.TransactionSql) {
  return <T>(client: PostgresClient, mode: "" | "read only", opening: SQL, fn: (tx: Tx) => Promise<T>): Promise<T> =>
    client.begin(mode, async (inner) => {
      const transaction = wrapClient(inner);
      const { sql: text, params } = dialect.sqlToQuery(opening);
      // Queued now, ahead of anything the callback sends: postgres.js keeps a connection's order.
      const settings = transaction.unsafe(text, params as postgres.ParameterOrJSON<never>[]).execute();
      const opened = settings.then(
        () => null,
        (error: unknown) => ({ error }),
      );
      // drizzle's own transaction() hands the session postgres.js's transaction client the same way.
      const session = new PostgresJsSession(
        transaction as postgres.TransactionSql & PostgresClient,
        dialect,
        relationalSchema,
      );
      let result: T;
      try {
        result = await fn(new PostgresJsTransaction(dialect, session, relationalSchema) as unknown as Tx);
      } catch (error) {
        // A failed opening aborts the transaction, and fn then fails on "current transaction is
        // aborted": the opening's error is the one to report.
        throw (await opened)?.error ?? error;
      }
      const failure = await opened;
      if (failure) throw failure.error;
      return result;
    }) as Promise<T>;
}

/** Serialises migrations across every process starting on one database. */
const MIGRATION_LOCK = 7_303_551_020;

/**
 * drizzle-kit's migrations, applied as drizzle's migrator does (same files, same bookkeeping
 * table), but in one transaction that first takes an advisory lock, so any number of app servers
 * can start together: the first migrates, the others wait and then find nothing to do. A
 * transaction-level lock on the migrating connection itself also holds, and needs no second
 * connection, through a transaction-mode pooler.
 */
async function migrateLocked(url: string, options: DatabaseOptions, finally_: string[] = []): Promise<void> {
  const client = postgresClient(url, options, 1);
  try {
    await client.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await tx`create schema if not exists drizzle`;
      await tx`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
      const [last] = await tx<{ created_at: string }[]>`
        select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`;
      for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const statement of migration.sql) await tx.unsafe(statement);
        await tx`insert into drizzle.__drizzle_migrations (hash, created_at)
          values (${migration.hash}, ${migration.folderMillis})`;
      }
      for (const statement of finally_) await tx.unsafe(statement);
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const { url, readUrl } = options;
  if (url) {
    const client = postgresClient(url, options);
    const replica = readUrl ? postgresClient(readUrl, options) : undefined;
    const wrap = (c: PostgresClient) =>
      drizzlePostgres(options.pooler === "transaction" ? c : preparing(c), { schema }) as unknown as Database;
    const db = wrap(client);
    const reader = replica ? wrap(replica) : db;
    const opened = openingTransaction(options.pooler === "transaction" ? (c) => c : preparing);
    return {
      db,
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      reader,
      kind: "postgres",
      transaction: (opening, fn, { onReader = false } = {}) =>
        onReader && replica ? opened(replica, "read only", opening, fn) : opened(client, "", opening, fn),
      migrate: (finally_) => migrateLocked(options.migrationUrl ?? url, options, finally_),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), replica?.end({ timeout: 5 })]);
      },
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
  const db = pglite as unknown as Database;
  return {
    db,
    timeouts: DEFAULT_TIMEOUTS,
    reader: db,
    kind: "pglite",
    transaction: (opening, fn) =>
      db.transaction(async (tx) => {
        await tx.execute(opening);
        return fn(tx);
      }),
    migrate: async (finally_ = []) => {
      await migratePglite(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
      for (const statement of finally_) await client.exec(statement);
    },
    close: () => client.close(),
  };
}

// One database per process, kept on globalThis so hot reload in development does not open a
// second PGlite on the same folder.
const globalForDb = globalThis as unknown as { salesDashboardDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.salesDashboardDb ??= openDatabase(databaseOptionsFromEnv()).catch((error: unknown) => {
    globalForDb.salesDashboardDb = undefined;
    throw error;
  });
  return globalForDb.salesDashboardDb;
}

/** Closes this process's pool, if one was opened (graceful shutdown). */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.salesDashboardDb;
  globalForDb.salesDashboardDb = undefined;
  await (await open?.catch(() => undefined))?.close();
}

/** Points this process at a given database (tests, scripts, benchmarks). */
export function useDatabase(handle: DatabaseHandle): void {
  globalForDb.salesDashboardDb = Promise.resolve(handle);
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** The database for the dashboard's heavy reads: the replica when DATABASE_READ_URL is set. */
export async function getReadDb(): Promise<Database> {
  return (await getDatabase()).reader;
}

/**
 * Runs one database step of a request within the handle's deadline. A database that is down,
 * refuses, stalls or times out becomes `Unavailable` (503); the abandoned step finishes or fails
 * on its own when the database answers again, and nothing waits for it.
 */
export async function withDeadline<T>(timeouts: Timeouts, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const work = run();
  work.catch(() => undefined);
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Unavailable(
            "The database is temporarily unavailable: it did not answer in time. Try again in a few seconds.",
          ),
        ),
      timeouts.deadlineMs,
    );
  });
  try {
    return await Promise.race([work, late]);
  } catch (error) {
    if (isUnreachable(error)) throw new Unavailable();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
