// Runs before `npm run dev` (`prepare.ts dev`) and `npm start` (`prepare.ts start`): checks the
// configuration, migrates the database and, for the embedded database only, loads the demo on
// first start. A DATABASE_URL database is never seeded here: demo passwords must not reach
// production.
import path from "node:path";
import { count } from "drizzle-orm";
import { databaseOptionsFromEnv, defaultPgliteDir, InvalidSetting, openDatabase } from "./client";
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
