// Runs before `npm run dev` (`prepare.ts dev`) and `npm start` (`prepare.ts start`): checks the
// configuration, migrates the database and, for the embedded database only, loads the demo on
// first start. A DATABASE_URL database is never seeded here: demo passwords must not reach
// production.
import path from "node:path";
import { count, sql } from "drizzle-orm";
import {
  databaseOptionsFromEnv,
  defaultPgliteDir,
  InvalidSetting,
  openDatabase,
  queryRows,
  type Database,
} from "./client";
import { migrateDatabase } from "./migrate";
import { users } from "./schema";
import { DEFAULT_DEMO_PASSWORD, seedDemo } from "./seed";

type Mode = "dev" | "start";

function describeDatabase(url: string | undefined): string {
  if (!url) return `the embedded database in ${path.relative(process.cwd(), defaultPgliteDir()) || "."}`;
  try {
    const { hostname, port, pathname } = new URL(url);
    return `PostgreSQL at ${hostname}${port ? `:${port}` : ""}${pathname}`;
  } catch {
    throw new InvalidSetting("DATABASE_URL is not a URL: expected postgres://user:password@host:port/database");
  }
}

/**
 * Row level security holds against SQL run by the app only when the app's login is neither a
 * superuser nor the tables' owner (README, "Least privilege"): say so at start, once.
 */
async function warnIfPrivileged(db: Database): Promise<void> {
  const [login] = await queryRows<{ name: string; superuser: boolean; owner: boolean }>(
    db,
    sql`select current_user as name, rolsuper as superuser,
      pg_has_role(current_user, (select tableowner from pg_tables where schemaname = 'public' and tablename = 'sales'), 'USAGE') as owner
      from pg_roles where rolname = current_user`,
  );
  if (login && (login.superuser || login.owner)) {
    console.warn(
      `Warning: DATABASE_URL signs in as ${login.name}, ${login.superuser ? "a superuser" : "the tables' owner"}. Row level security then relies on the app's own code; for a deployment, sign in as a role that is a member of sales_login only (README, "Least privilege").`,
    );
  }
}

async function main(mode: Mode) {
  // `next start` serves in production, where session cookies need a secret of their own.
  if (mode === "start" && !process.env.AUTH_SECRET) {
    throw new InvalidSetting(
      "AUTH_SECRET is not set: npm start serves in production and needs it to sign session cookies; set it, e.g. AUTH_SECRET=$(openssl rand -base64 32) npm start",
    );
  }
  const options = databaseOptionsFromEnv();
  const url = options.url;
  console.log(`Migrating ${describeDatabase(options.migrationUrl ?? url)}…`);
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    if (handle.kind === "postgres") await warnIfPrivileged(handle.db);
    if (handle.kind === "pglite") {
      const [row] = await handle.db.select({ n: count() }).from(users);
      if (!row || row.n === 0) {
        console.log("Loading the demo (first start)…");
        const summary = await seedDemo(handle.db);
        console.log(`Seeded ${summary.users} users and ${summary.sales} sales.`);
      }
    }
  } finally {
    await handle.close();
  }
  const port = process.env.PORT || "3000";
  const password = process.env.DEMO_PASSWORD ? "DEMO_PASSWORD" : DEFAULT_DEMO_PASSWORD;
  console.log(
    url
      ? `Starting on http://localhost:${port}`
      : `Starting on http://localhost:${port}: sign in as alice (or any demo user) with ${password}`,
  );
}

const mode: Mode = process.argv[2] === "start" ? "start" : "dev";
main(mode).catch((error: unknown) => {
  if (error instanceof InvalidSetting) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
