import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { userPath } from "@/lib/navigation";
import type { UserSummary } from "@/lib/rbac/service";

export function UserStatus({ user }: { user: Pick<UserSummary, "is_active" | "is_superuser"> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {user.is_active ? <Badge variant="success">Active</Badge> : <Badge variant="danger">Deactivated</Badge>}
      {user.is_superuser && <Badge variant="warning">Superuser</Badge>}
    </span>
  );
}

export function UsersTable({ users }: { users: UserSummary[] }) {
  return (
    <Table aria-label="Users">
      <TableHeader>
        <TableRow>
          <TableHead>Username</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Team</TableHead>
          <TableHead>Base role</TableHead>
          <TableHead>Custom roles</TableHead>
          <TableHead>Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableHead scope="row" className="h-auto py-2.5">
              <Link href={userPath(user.id)} className="font-medium text-accent underline-offset-4 hover:underline">
                {user.username}
              </Link>
            </TableHead>
            <TableCell>
              <div>{user.name}</div>
              <div className="text-xs text-muted-foreground">{user.email}</div>
            </TableCell>
            <TableCell>{user.team ?? <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell>{user.base_role}</TableCell>
            <TableCell>
              {user.custom_roles.length === 0 ? (
                <span className="text-muted-foreground">—</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {user.custom_roles.map((role) => (
                    <Badge key={role}>{role}</Badge>
                  ))}
                </span>
              )}
            </TableCell>
            <TableCell>
              <UserStatus user={user} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
