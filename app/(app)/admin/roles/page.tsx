import type { Metadata } from "next";
import Link from "next/link";
import { RolesTable } from "@/components/admin/roles-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePagePermission } from "@/lib/auth/viewer";
import { ROLES_PATH } from "@/lib/navigation";
import { isAdmin, listRoles } from "@/lib/rbac/service";

export const metadata: Metadata = { title: "Roles" };

type RolesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RolesPage({ searchParams }: RolesPageProps) {
  const viewer = await requirePagePermission("role", "read");
  const { deleted } = await searchParams;
  const roles = await listRoles(viewer);
  const systemRoles = roles.filter((role) => role.is_system_role);
  const customRoles = roles.filter((role) => !role.is_system_role);
  const editable = isAdmin(viewer);
  const newRole = (
    <Link href={`${ROLES_PATH}/new`} className={buttonClass()}>
      New role
    </Link>
  );
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Roles"
        description="A user's permissions are their base role's, plus those of their custom roles, plus their direct grants."
        actions={editable ? newRole : undefined}
      />
      {typeof deleted === "string" && <Alert variant="success">Role &quot;{deleted}&quot; deleted.</Alert>}
      {!editable && (
        <Alert variant="info">Read only: only an admin or a superuser can create, change or delete roles.</Alert>
      )}
      <section className="grid gap-3" aria-labelledby="custom-roles">
        <h2 id="custom-roles" className="text-lg font-semibold">
          Custom roles
        </h2>
        {customRoles.length === 0 ? (
          <EmptyState
            title="No custom roles yet"
            description="A custom role bundles permissions you can then assign to any number of users."
          >
            {editable && newRole}
          </EmptyState>
        ) : (
          <RolesTable roles={customRoles} caption="Custom roles" />
        )}
      </section>
      <section className="grid gap-3" aria-labelledby="system-roles">
        <div className="grid gap-1">
          <h2 id="system-roles" className="text-lg font-semibold">
            System roles
          </h2>
          <p className="text-sm text-muted-foreground">
            Built in and read only. Every user has exactly one of them as their base role.
          </p>
        </div>
        <RolesTable roles={systemRoles} caption="System roles" />
      </section>
    </div>
  );
}
