// The bench database: which one, whether we may wipe it, and wiping it. The bench fills a database
// with a million rows, so it refuses anything that looks like someone's real data.
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/** Every user the bench makes has an address in this (reserved, undeliverable) domain. */
export const BENCH_EMAIL_DOMAIN = "bench.invalid";

export type OwnerClient = postgres.Sql;

export function benchDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Point it at a PostgreSQL database the bench may fill, e.g.\n" +
        "  createdb -h 127.0.0.1 -U postgres ledgerline_bench\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerline_bench npm run bench",
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a postgres:// URL");
  return url;
}

/** A connection as the database owner: seeding, toggling row security, expected counts. */
export function ownerClient(url: string): OwnerClient {
  return postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: "ledgerline-bench" } });
}

/** The application's own database handle, as the app opens it. */
export function appHandle(url: string, max = 10): Promise<DatabaseHandle> {
  return openDatabase({ url, max });
}

/** How many users the database holds that the bench did not make (0 for an empty database). */
export async function foreignUsers(owner: OwnerClient): Promise<number> {
  const [table] = await owner`select to_regclass('public.users') is not null as present`;
  if (!table?.present) return 0;
  const [row] = await owner`
    select count(*)::int as n from users where email not like ${`%@${BENCH_EMAIL_DOMAIN}`}`;
  return row?.n ?? 0;
}

/** Refuses to touch a database holding users the bench did not make, unless forced. */
export async function assertBenchOwned(owner: OwnerClient, force: boolean): Promise<void> {
  const foreign = await foreignUsers(owner);
  if (foreign > 0 && !force) {
    throw new Error(
      `This database has ${foreign} users the bench did not make; it will not be wiped. ` +
        "Use a dedicated database, or pass --force to wipe it anyway.",
    );
  }
}

/** Drops every table and the migration history, then migrates from scratch. */
export async function resetAndMigrate(owner: OwnerClient, url: string): Promise<void> {
  await owner.unsafe(`
    drop schema if exists drizzle cascade;
    drop schema public cascade;
    create schema public;`);
  const handle = await appHandle(url, 2);
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
}
