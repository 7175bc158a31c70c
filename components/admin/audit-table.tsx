import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/ui/local-time";
import { rolePath, userPath } from "@/lib/rbac/console-paths";
import type { AuditEntryView } from "@/lib/rbac/schemas";
import { AuditChange } from "./audit-change";

function Target({ entry }: { entry: AuditEntryView }) {
  const label = entry.target_label ?? entry.target_id ?? "—";
  const href =
    entry.target_type === "user" && entry.target_id
      ? userPath(entry.target_id)
      : entry.target_type === "role" && entry.action !== "role.delete" && entry.target_label
        ? rolePath(entry.target_label)
        : entry.target_type === "sale" && entry.action !== "sale.delete" && entry.target_id
          ? `/sales/${entry.target_id}`
          : null;
  return (
    <span className="grid">
      {href ? (
        <Link href={href} className="font-medium text-accent underline-offset-4 hover:underline">
          {label}
        </Link>
      ) : (
        <span className="font-medium">{label}</span>
      )}
      <span className="text-xs text-muted-foreground">{entry.target_type}</span>
    </span>
  );
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <Table aria-label="Audit log">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id} className="align-top">
            <TableCell className="align-top text-xs whitespace-nowrap">
              <DateTime value={entry.created_at} />
            </TableCell>
            <TableCell className="align-top">{entry.actor_username ?? "—"}</TableCell>
            <TableCell className="align-top">
              <Badge variant={entry.action.endsWith("delete") || entry.action.endsWith("revoke") ? "danger" : "accent"}>
                {entry.action}
              </Badge>
            </TableCell>
            <TableCell className="align-top">
              <Target entry={entry} />
            </TableCell>
            <TableCell className="max-w-48 align-top">
              {entry.reason ?? <span className="text-muted-foreground">—</span>}
            </TableCell>
            <TableCell className="align-top">
              <AuditChange before={entry.before} after={entry.after} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
