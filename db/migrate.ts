import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { BASE_ROLES, BASE_ROLE_DESCRIPTIONS, BASE_ROLE_PERMISSIONS } from "@/lib/rbac/catalog";
import { databaseOptionsFromEnv, openDatabase, type Database, type DatabaseHandle } from "./client";
import { rowContextKeyStatement } from "./row-context";
import { customRoles } from "./schema";

/**
 * Applies pending migrations, keeps the protected system role rows equal to the catalog and stores
 * the row context key for this AUTH_SECRET.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate([rowContextKeyStatement()]);
  await syncSystemRoles(handle.db);
}

export async function syncSystemRoles(db: Database): Promise<void> {
  await db
    .insert(customRoles)
    .values(
      BASE_ROLES.map((name) => ({
        name,
        description: BASE_ROLE_DESCRIPTIONS[name],
        isSystemRole: true,
        permissions: BASE_ROLE_PERMISSIONS[name],
      })),
    )
    .onConflictDoUpdate({
      target: customRoles.name,
      set: {
        description: sql`excluded.description`,
        permissions: sql`excluded.permissions`,
        isSystemRole: sql`true`,
      },
      setWhere: sql`${customRoles.permissions} is distinct from excluded.permissions or ${customRoles.isSystemRole} = false`,
    });
}

async function main() {
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(handle);
    console.log(`Migrated the ${handle.kind === "postgres" ? "PostgreSQL" : "embedded"} database.`);
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
