import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/ui/local-time";
import { rolePath, userPath } from "@/lib/navigation";
import { auditSentence } from "@/lib/rbac/audit-sentence";
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
    <span className="text-xs text-muted-foreground">
      {entry.action} · {entry.target_type}{" "}
      {href ? (
        <Link href={href} className="font-medium text-accent underline underline-offset-2">
          {label}
        </Link>
      ) : (
        <span className="font-medium">{label}</span>
      )}
    </span>
  );
}

/** The entry's sentence, each moment in the viewer's time zone. */
function Sentence({ entry }: { entry: AuditEntryView }) {
  return (
    <span className="font-medium">
      {auditSentence(entry).map((part, i) =>
        typeof part === "string" ? part : <DateTime key={i} value={part.time} />,
      )}
    </span>
  );
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <Table aria-label="Audit log">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>What happened</TableHead>
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
            <TableCell className="min-w-64 align-top">
              <span className="grid gap-0.5">
                <Sentence entry={entry} />
                <Target entry={entry} />
              </span>
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
