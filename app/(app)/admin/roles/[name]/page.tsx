import type { Metadata } from "next";
import Link from "next/link";
import { DeleteRoleForm } from "@/components/admin/delete-role-form";
import { PermissionMatrix } from "@/components/admin/permission-matrix";
import { RoleForm } from "@/components/admin/role-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { readForPage, requirePagePermission } from "@/lib/auth/viewer";
import { DateTime } from "@/components/ui/local-time";
import { ROLES_PATH } from "@/lib/navigation";
import { getRole, isAdmin } from "@/lib/rbac/service";
import { deleteRoleAction, previewRoleAction, updateRoleAction } from "../actions";

type RolePageProps = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: RolePageProps): Promise<Metadata> {
  return { title: `Role ${(await params).name}` };
}

export default async function RolePage({ params, searchParams }: RolePageProps) {
  const viewer = await requirePagePermission("role", "read");
  const name = (await params).name;
  const { created } = await searchParams;
  const role = await readForPage(getRole(viewer, name));
  const editable = isAdmin(viewer) && !role.is_system_role;
  const holders = `${role.user_count} user${role.user_count === 1 ? "" : "s"}`;

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {role.name}
            {role.is_system_role && <Badge variant="accent">System role</Badge>}
          </span>
        }
        description={
          <>
            {role.is_system_role ? `Base role of ${holders}` : `Assigned to ${holders}`} · created{" "}
            <DateTime value={role.created_at} />
          </>
        }
        actions={
          <Link href={ROLES_PATH} className={buttonClass({ variant: "outline" })}>
            Back to roles
          </Link>
        }
      />
      {created !== undefined && <Alert variant="success">Role &quot;{role.name}&quot; created.</Alert>}
      {editable ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Edit role</CardTitle>
              <CardDescription>
                Changes apply to every holder on their next request. The name cannot change.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <RoleForm mode="edit" action={updateRoleAction} role={role} preview={previewRoleAction} />
            </CardContent>
          </Card>
          <Card className="border-danger/30">
            <CardHeader>
              <CardTitle>Delete this role</CardTitle>
              <CardDescription>Removes the role and every assignment of it. This cannot be undone.</CardDescription>
            </CardHeader>
            <CardContent>
              <DeleteRoleForm action={deleteRoleAction} roleName={role.name} userCount={role.user_count} />
            </CardContent>
          </Card>
        </>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Permissions</CardTitle>
            <CardDescription>
              {role.is_system_role
                ? "System roles are built in and cannot be changed or deleted; change a user's base role instead."
                : "Read only: only an admin or a superuser can change or delete roles."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {role.description && <p className="text-sm">{role.description}</p>}
            <PermissionMatrix permissions={role.permissions} readOnly />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
