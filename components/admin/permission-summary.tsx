import { Badge } from "@/components/ui/badge";
import { ACTIONS, SCOPE_LABELS } from "@/lib/rbac/catalog";
import type { PermissionEntryView } from "@/lib/rbac/schemas";

/** One badge per resource: its actions ("all" when all five), and the scope where it applies. */
export function PermissionSummary({ permissions }: { permissions: PermissionEntryView[] }) {
  if (permissions.length === 0) return <span className="text-muted-foreground">No permissions</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Permissions">
      {permissions.map((entry) => {
        const actions = ACTIONS.every((a) => entry.actions.includes(a))
          ? "all"
          : ACTIONS.filter((a) => entry.actions.includes(a)).join(", ");
        return (
          <li key={entry.resource}>
            <Badge variant="neutral" className="font-normal">
              <span className="font-medium text-foreground">{entry.resource}</span>: {actions}
              {entry.scope && ` · ${SCOPE_LABELS[entry.scope].toLowerCase()}`}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
