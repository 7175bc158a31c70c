// npm run token -- <username> [--name N] [--expires-in 30d] [--permissions sale:list,sale:read] [--scope sale:own]
// npm run token -- <username> --revoke <token id or prefix>
// Mints a personal API token for a user, within the user's own permissions and API_TOKEN_MAX_DAYS,
// and prints it alone on the last line; or revokes one. Both are audited.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { and, eq, isNull, or } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { commandLineActor, createTokenFromCommandLine } from "@/lib/auth/account";
import { loadViewerById } from "@/lib/auth/principal";
import { apiTokenMaxDays, parseDuration } from "@/lib/auth/tokens";
import { DomainError } from "@/lib/errors";
import { recordAudit } from "@/lib/rbac/audit";
import { SCOPES, isResource, type Resource, type Scope } from "@/lib/rbac/catalog";
import { parsePermissionList } from "@/lib/rbac/narrow";

const USAGE =
  "Usage: npm run token -- <username> [--name N] [--expires-in 30d] [--permissions sale:list,sale:read] [--scope sale:own]\n" +
  "       npm run token -- <username> --revoke <token id or prefix>";

function scopesOf(text: string | undefined): Partial<Record<Resource, Scope>> {
  const scopes: Partial<Record<Resource, Scope>> = {};
  for (const entry of (text ?? "").split(",").filter((e) => e.trim())) {
    const [resource = "", scope = ""] = entry.trim().split(":");
    if (!isResource(resource) || !(SCOPES as readonly string[]).includes(scope)) {
      throw new Error(`--scope takes resource:scope pairs such as sale:own, not "${entry}"`);
    }
    scopes[resource] = scope as Scope;
  }
  return scopes;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string", default: "cli" },
      "expires-in": { type: "string" },
      permissions: { type: "string" },
      scope: { type: "string" },
      revoke: { type: "string" },
    },
  });
  const username = positionals[0];
  if (!username) throw new Error(USAGE);
  const maxDays = apiTokenMaxDays();
  let expiresAt: Date | null = maxDays > 0 ? new Date(Date.now() + maxDays * 86_400_000) : null;
  if (values["expires-in"]) {
    const ms = parseDuration(values["expires-in"]);
    if (!ms) throw new Error(`--expires-in takes a duration such as 30d, 12h or 90m, not "${values["expires-in"]}"`);
    expiresAt = new Date(Date.now() + ms);
  }
  let permissions: string[] | null = null;
  if (values.permissions !== undefined) {
    const { pairs, unknown } = parsePermissionList(values.permissions);
    if (unknown.length > 0) throw new Error(`Not permissions (resource:action): ${unknown.join(", ")}`);
    permissions = pairs;
  }
  const scopes = scopesOf(values.scope);
  const actor = commandLineActor(userInfo().username);

  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    const [user] = await handle.db
      .select({ id: users.id, isActive: users.isActive })
      .from(users)
      .where(eq(users.username, username));
    if (!user) throw new Error(`No user named "${username}"`);
    if (!user.isActive) throw new Error(`User "${username}" is deactivated`);

    if (values.revoke) {
      const key = values.revoke;
      await handle.db.transaction(async (tx) => {
        const revoked = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(
            and(
              eq(apiTokens.userId, user.id),
              isNull(apiTokens.revokedAt),
              /^[0-9a-f-]{36}$/i.test(key)
                ? or(eq(apiTokens.id, key), eq(apiTokens.prefix, key))
                : eq(apiTokens.prefix, key),
            ),
          )
          .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
        if (revoked.length === 0) throw new Error(`${username} has no active token "${key}"`);
        for (const token of revoked) {
          await recordAudit(tx, actor, {
            action: "token.revoke",
            targetType: "api_token",
            targetId: token.id,
            targetLabel: `${token.name} (${username})`,
            reason: "npm run token",
            before: { name: token.name, prefix: token.prefix, owner: username },
            after: null,
          });
        }
        console.error(`Revoked ${revoked.map((t) => `"${t.name}" (${t.prefix}…)`).join(", ")} of ${username}`);
      });
      return;
    }

    const owner = await loadViewerById(handle.db, user.id);
    if (!owner) throw new Error(`User "${username}" cannot hold tokens`);
    const created = await createTokenFromCommandLine(
      handle.db,
      owner,
      { name: values.name ?? "cli", expiresAt, permissions, scopes },
      actor,
    );
    const limited = permissions ? ` limited to ${permissions.join(", ")}` : "";
    console.error(
      `Token "${created.name}" for ${username}${limited}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}:`,
    );
    console.log(created.token);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainError && error.errors?.length) {
    console.error(error.errors.map((e) => `${e.field}: ${e.message}`).join("\n"));
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
