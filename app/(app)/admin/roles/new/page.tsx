import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { RoleForm } from "@/components/admin/role-form";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/viewer";
import { ROLES_PATH } from "@/lib/navigation";
import { isAdmin } from "@/lib/rbac/service";
import { createRoleAction } from "../actions";

export const metadata: Metadata = { title: "New role" };

export default async function NewRolePage() {
  const viewer = await requirePagePermission("role", "read");
  // Nothing to show read-only here: the form is the page.
  if (!isAdmin(viewer)) forbidden();
  return (
    <div className="grid gap-6">
      <PageHeader
        title="New role"
        description="Pick the actions holders may take on each resource. Assign the role to users from their page."
        actions={
          <Link href={ROLES_PATH} className={buttonClass({ variant: "outline" })}>
            Back to roles
          </Link>
        }
      />
      <Card>
        <CardContent className="pt-5">
          <RoleForm mode="create" action={createRoleAction} />
        </CardContent>
      </Card>
    </div>
  );
}
