import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { getDatabase, withDeadline, type Tx } from "@/db/client";
import { featureFlags, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { requirePermission } from "@/lib/rbac/access";
import { recordAudit } from "@/lib/rbac/audit";
import type { BaseRole } from "@/lib/rbac/catalog";
import { parseInput } from "@/lib/validation";
import type { FlagKey } from "./catalog";
import { flagKeyParam, updateFlagInput, type FlagView } from "./schemas";

const flagColumns = {
  key: featureFlags.key,
  name: featureFlags.name,
  description: featureFlags.description,
  enabled: featureFlags.enabled,
  baseRoles: featureFlags.baseRoles,
  updatedAt: featureFlags.updatedAt,
  updatedBy: users.username,
};

function selectFlags(tx: Tx) {
  return tx.select(flagColumns).from(featureFlags).leftJoin(users, eq(users.id, featureFlags.updatedById));
}

type FlagRow = Awaited<ReturnType<typeof selectFlags>>[number];

function toView(row: FlagRow): FlagView {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    base_roles: row.baseRoles,
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
  };
}

function keyOf(value: string): string {
  return parseInput(flagKeyParam, { key: value }, "Invalid path").key;
}

/** Every flag with its state, by key. Requires feature_flag:list. */
export async function listFlags(viewer: Viewer): Promise<FlagView[]> {
  requirePermission(viewer, "feature_flag", "list");
  const rows = await withViewer(viewer, (tx) => selectFlags(tx).orderBy(asc(featureFlags.key)));
  return rows.map(toView);
}

/** One flag by key; 404 when no flag has it. Requires feature_flag:read. */
export async function getFlag(viewer: Viewer, key: string): Promise<FlagView> {
  requirePermission(viewer, "feature_flag", "read");
  const flagKey = keyOf(key);
  const [row] = await withViewer(viewer, (tx) => selectFlags(tx).where(eq(featureFlags.key, flagKey)));
  if (!row) throw new NotFound(`Feature flag "${flagKey}" not found`);
  return toView(row);
}

/**
 * Switches a flag on or off and sets the base roles it is limited to (feature_flag:update). The row
 * is locked first, so the audit row's before is the true state this change replaced; a change that
 * says what the flag already is changes and audits nothing.
 */
export async function updateFlag(viewer: Viewer, key: string, input: unknown): Promise<FlagView> {
  requirePermission(viewer, "feature_flag", "update");
  const flagKey = keyOf(key);
  const change = parseInput(updateFlagInput, input);
  return withViewer(viewer, async (tx) => {
    const [current] = await tx
      .select({ name: featureFlags.name, enabled: featureFlags.enabled, baseRoles: featureFlags.baseRoles })
      .from(featureFlags)
      .where(eq(featureFlags.key, flagKey))
      .for("update");
    if (!current) throw new NotFound(`Feature flag "${flagKey}" not found`);
    const before = { enabled: current.enabled, base_roles: current.baseRoles };
    const after = { enabled: change.enabled ?? before.enabled, base_roles: change.base_roles ?? before.base_roles };
    if (after.enabled !== before.enabled || after.base_roles.join() !== before.base_roles.join()) {
      await tx
        .update(featureFlags)
        .set({ enabled: after.enabled, baseRoles: after.base_roles, updatedAt: sql`now()`, updatedById: viewer.id })
        .where(eq(featureFlags.key, flagKey));
      await recordAudit(tx, viewer, {
        action: "flag.update",
        targetType: "feature_flag",
        targetId: flagKey,
        targetLabel: current.name,
        reason: change.reason,
        before,
        after,
      });
    }
    const [row] = await selectFlags(tx).where(eq(featureFlags.key, flagKey));
    if (!row) throw new Error("the locked flag vanished");
    return toView(row);
  });
}

/**
 * The keys of the flags on for a base role, read once per request (React's request cache) in one
 * statement. Flags only change what is shown, so no permission is needed to be shown something.
 */
const flagsOnFor = cache(async (role: BaseRole): Promise<ReadonlySet<string>> => {
  const { db, timeouts } = await getDatabase();
  const rows = await withDeadline(timeouts, () =>
    db
      .select({ key: featureFlags.key })
      .from(featureFlags)
      .where(
        sql`${featureFlags.enabled} and (cardinality(${featureFlags.baseRoles}) = 0 or ${role}::base_role = any(${featureFlags.baseRoles}))`,
      ),
  );
  return new Set(rows.map((row) => row.key));
});

/** Whether the flag is on for this viewer's base role, as the database says on this request. */
export async function isFlagOn(viewer: Pick<Viewer, "baseRole">, key: FlagKey): Promise<boolean> {
  return (await flagsOnFor(viewer.baseRole)).has(key);
}
