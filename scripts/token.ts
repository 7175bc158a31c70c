// npm run token -- <username> [--name N] [--expires-in 30d]
// Mints a personal API token for a user and prints it alone on the last line.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { insertToken, parseDuration } from "@/lib/auth/tokens";

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string", default: "cli" }, "expires-in": { type: "string" } },
  });
  const username = positionals[0];
  if (!username) throw new Error("Usage: npm run token -- <username> [--name N] [--expires-in 30d]");
  let expiresAt: Date | null = null;
  if (values["expires-in"]) {
    const ms = parseDuration(values["expires-in"]);
    if (!ms) throw new Error(`--expires-in takes a duration such as 30d, 12h or 90m, not "${values["expires-in"]}"`);
    expiresAt = new Date(Date.now() + ms);
  }
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    const [user] = await handle.db
      .select({ id: users.id, isActive: users.isActive })
      .from(users)
      .where(eq(users.username, username));
    if (!user) throw new Error(`No user named "${username}"`);
    if (!user.isActive) throw new Error(`User "${username}" is deactivated`);
    const created = await insertToken(handle.db, user.id, { name: values.name ?? "cli", expiresAt });
    console.error(`Token "${created.name}" for ${username}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}:`);
    console.log(created.token);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
