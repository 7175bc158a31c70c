import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { FEATURE_FLAGS } from "@/lib/flags/catalog";
import { BASE_ROLES, BASE_ROLE_DESCRIPTIONS, BASE_ROLE_PERMISSIONS } from "@/lib/rbac/catalog";
import { databaseOptionsFromEnv, openDatabase, type Database, type DatabaseHandle, type Queryable } from "./client";
import { rowContextKeyStatement } from "./row-context";
import { customRoles, featureFlags } from "./schema";

/**
 * Applies pending migrations, keeps the protected system role rows equal to the catalog, adds the
 * product's feature flags and stores the row context key for this AUTH_SECRET.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  // As the owner: the application role may switch flags, never add one.
  await handle.migrate([rowContextKeyStatement(), featureFlagsStatement()]);
  await syncSystemRoles(handle.db);
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** What syncFeatureFlags does, as one statement for the migrating owner. */
export function featureFlagsStatement(): string {
  const rows = FEATURE_FLAGS.map(
    (flag) => `(${literal(flag.key)}, ${literal(flag.name)}, ${literal(flag.description)}, ${flag.enabledByDefault})`,
  ).join(", ");
  return `insert into feature_flags (key, name, description, enabled) values ${rows}
    on conflict (key) do update set name = excluded.name, description = excluded.description
    where (feature_flags.name, feature_flags.description) is distinct from (excluded.name, excluded.description)`;
}

/**
 * Inserts each flag of lib/flags/catalog.ts the database lacks, in its default state, and keeps
 * names and descriptions equal to the catalog. Whether a flag is on, and for whom, is never touched.
 */
export async function syncFeatureFlags(db: Queryable): Promise<void> {
  await db
    .insert(featureFlags)
    .values(
      FEATURE_FLAGS.map((flag) => ({
        key: flag.key,
        name: flag.name,
        description: flag.description,
        enabled: flag.enabledByDefault,
      })),
    )
    .onConflictDoUpdate({
      target: featureFlags.key,
      set: { name: sql`excluded.name`, description: sql`excluded.description` },
      setWhere: sql`(${featureFlags.name}, ${featureFlags.description}) is distinct from (excluded.name, excluded.description)`,
    });
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
