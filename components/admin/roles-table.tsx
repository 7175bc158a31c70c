import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { rolePath } from "@/lib/navigation";
import type { RoleView } from "@/lib/rbac/schemas";
import { PermissionSummary } from "./permission-summary";

export function RolesTable({ roles, caption }: { roles: RoleView[]; caption: string }) {
  return (
    <Table aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Role</TableHead>
          <TableHead>Description</TableHead>
          <TableHead className="text-right">Users</TableHead>
          <TableHead>Permissions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {roles.map((role) => (
          <TableRow key={role.id}>
            <TableHead scope="row" className="h-auto py-2.5 align-top">
              <div className="grid justify-items-start gap-1">
                <Link href={rolePath(role.name)} className="font-medium text-accent underline-offset-4 hover:underline">
                  {role.name}
                </Link>
                {role.is_system_role && <Badge variant="accent">System</Badge>}
              </div>
            </TableHead>
            <TableCell className="max-w-64 align-top text-muted-foreground">{role.description ?? "—"}</TableCell>
            <TableCell className="text-right align-top tabular-nums">{role.user_count}</TableCell>
            <TableCell className="align-top">
              <PermissionSummary permissions={role.permissions} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
