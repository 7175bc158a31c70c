import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ACTIONS, RESOURCES, SCOPES, isRowScoped, type Resource, type Scope } from "@/lib/rbac/catalog";
import { permissionField, scopeField } from "@/lib/rbac/console-forms";
import type { PermissionEntryView } from "@/lib/rbac/schemas";

export const SCOPE_LABELS: Record<Scope, string> = {
  own: "Own rows",
  team: "Team's rows",
  all: "All rows",
};

interface PermissionMatrixProps {
  /** What is checked to begin with. */
  permissions: PermissionEntryView[];
  /** Shown as marks, not controls: system roles, and viewers who may not change roles. */
  readOnly?: boolean;
}

/** A read-only cell: a visible mark, and words for screen readers. */
function Mark({ held }: { held: boolean }) {
  return (
    <>
      <span aria-hidden className={held ? "font-semibold text-success" : "text-muted-foreground"}>
        {held ? "✓" : "—"}
      </span>
      <span className="sr-only">{held ? "granted" : "not granted"}</span>
    </>
  );
}

function ScopeCell({
  resource,
  entry,
  readOnly,
}: {
  resource: Resource;
  entry?: PermissionEntryView;
  readOnly: boolean;
}) {
  if (!isRowScoped(resource)) {
    return (
      <>
        <span aria-hidden className="text-muted-foreground">
          —
        </span>
        <span className="sr-only">Not row-scoped</span>
      </>
    );
  }
  if (readOnly) return entry ? SCOPE_LABELS[entry.scope ?? "own"] : <Mark held={false} />;
  return (
    <Select
      name={scopeField(resource)}
      aria-label={`Scope of ${resource}`}
      defaultValue={entry?.scope ?? "own"}
      className="h-8 w-36"
    >
      {SCOPES.map((scope) => (
        <option key={scope} value={scope}>
          {SCOPE_LABELS[scope]}
        </option>
      ))}
    </Select>
  );
}

/** Resources × actions as native checkboxes, plus a row scope for row-scoped resources; marks when read only. */
export function PermissionMatrix({ permissions, readOnly = false }: PermissionMatrixProps) {
  const entryOf = (resource: string) => permissions.find((entry) => entry.resource === resource);
  return (
    <Table className="w-auto">
      <TableCaption className="text-left">
        Scope applies to row-scoped resources only: which rows the actions reach. Without a scope a row-scoped
        permission covers the holder&apos;s own rows.
      </TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Resource</TableHead>
          {ACTIONS.map((action) => (
            <TableHead key={action} className="text-center">
              {action}
            </TableHead>
          ))}
          <TableHead>Scope</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {RESOURCES.map((resource) => {
          const entry = entryOf(resource);
          return (
            <TableRow key={resource}>
              <TableHead scope="row" className="font-mono text-xs text-foreground">
                {resource}
              </TableHead>
              {ACTIONS.map((action) => {
                const held = entry?.actions.includes(action) ?? false;
                return (
                  <TableCell key={action} className="text-center">
                    {readOnly ? (
                      <Mark held={held} />
                    ) : (
                      <Checkbox
                        name={permissionField(resource, action)}
                        aria-label={`${resource}: ${action}`}
                        defaultChecked={held}
                      />
                    )}
                  </TableCell>
                );
              })}
              <TableCell>
                <ScopeCell resource={resource} entry={entry} readOnly={readOnly} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
