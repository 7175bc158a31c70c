// Runs before `npm run dev` and `npm start`: migrates the database and, for the embedded
// database only, loads the demo on first start. A DATABASE_URL database is never seeded here:
// demo passwords must not reach production.
import { count } from "drizzle-orm";
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { users } from "./schema";
import { seedDemo } from "./seed";

async function main() {
  const handle = await openDatabase({ url: process.env.DATABASE_URL });
  try {
    await migrateDatabase(handle);
    if (handle.kind === "pglite") {
      const [row] = await handle.db.select({ n: count() }).from(users);
      if (!row || row.n === 0) {
        const summary = await seedDemo(handle.db);
        console.log(`Seeded the embedded database: ${summary.users} users, ${summary.sales} sales.`);
      }
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
