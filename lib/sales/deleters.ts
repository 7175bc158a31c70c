import "server-only";
import { eq } from "drizzle-orm";
import { customRoles } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { BASE_ROLE_PERMISSIONS, BASE_ROLES, type PermissionEntry } from "@/lib/rbac/catalog";
import type { SaleDeleter } from "./format";

function deletesSales(entry: PermissionEntry): boolean {
  return entry.resource === "sale" && entry.actions.includes("delete");
}

/**
 * Who the permission model lets delete sales: the base roles of the catalogue and the custom roles
 * whose permissions hold `sale: delete`, each with its scope (none means `own`). For the note a sale
 * page shows to someone who may not delete it.
 */
export async function saleDeleters(viewer: Viewer): Promise<SaleDeleter[]> {
  const fromBase = BASE_ROLES.flatMap((role): SaleDeleter[] =>
    BASE_ROLE_PERMISSIONS[role]
      .filter(deletesSales)
      .map((entry) => ({ role, baseRole: true, scope: entry.scope ?? "own" })),
  );
  const roles = await withViewer(viewer, (tx) =>
    tx
      .select({ name: customRoles.name, permissions: customRoles.permissions })
      .from(customRoles)
      .where(eq(customRoles.isSystemRole, false))
      .orderBy(customRoles.name),
  );
  const fromCustom = roles.flatMap((role): SaleDeleter[] =>
    role.permissions
      .filter(deletesSales)
      .map((entry) => ({ role: role.name, baseRole: false, scope: entry.scope ?? "own" })),
  );
  return [...fromBase, ...fromCustom];
}
