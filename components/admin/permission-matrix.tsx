import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  ACTIONS,
  RESOURCE_LABELS,
  RESOURCES,
  ROW_SCOPED_RESOURCES,
  SCOPES,
  SCOPE_LABELS,
  isRowScoped,
  type Resource,
} from "@/lib/rbac/catalog";
import { permissionField, scopeField } from "@/app/(app)/admin/form-fields";
import type { PermissionEntryView } from "@/lib/rbac/schemas";
import { MatrixKeyboard } from "./matrix-keyboard";

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
        <span className="sr-only">No scope</span>
      </>
    );
  }
  if (readOnly) return entry ? SCOPE_LABELS[entry.scope ?? "own"] : <Mark held={false} />;
  return (
    <Select
      name={scopeField(resource)}
      aria-label={`Scope of ${RESOURCE_LABELS[resource]}`}
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

/**
 * Resources of the reference's catalogue that no page or route of this product reads yet: holding
 * them changes nothing a user can see or do, and the editor says so.
 */
const UNUSED_RESOURCES: Partial<Record<Resource, string>> = {
  experiment: "No screen uses it yet",
};

/** "sales": the resources whose rows have owners, in words. */
const SCOPED = ROW_SCOPED_RESOURCES.map((resource) => RESOURCE_LABELS[resource].toLowerCase()).join(", ");

/** A cell of the keyboard grid: row `r`, column `c` (0 is the "all" column and row). */
const cell = (r: number, c: number) => ({ "data-r": r, "data-c": c, className: "size-5" });

/**
 * Resources × actions as native checkboxes, with "all" toggles for each row and column and a row
 * scope for row-scoped resources; marks when read only. Editable, the boxes are one Tab stop.
 */
export function PermissionMatrix({ permissions, readOnly = false }: PermissionMatrixProps) {
  const entryOf = (resource: string) => permissions.find((entry) => entry.resource === resource);
  const table = (
    <Table className="w-auto" aria-label="Permissions">
      <TableCaption className="text-left">
        {readOnly
          ? `Scope applies to ${SCOPED} only: which rows the actions reach.`
          : `Tab reaches the boxes once; arrow keys move between them, Space ticks. Scope applies to ${SCOPED} only: which rows the actions reach (own rows unless chosen).`}
      </TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Resource</TableHead>
          {!readOnly && <TableHead className="text-center">All</TableHead>}
          {ACTIONS.map((action) => (
            <TableHead key={action} className="text-center capitalize">
              {action}
            </TableHead>
          ))}
          <TableHead>Scope</TableHead>
        </TableRow>
        {!readOnly && (
          <TableRow>
            <TableHead scope="row" className="text-xs font-normal">
              Every resource
            </TableHead>
            <TableCell className="text-center">
              <Checkbox data-toggle="all" aria-label="Every action on every resource" {...cell(0, 0)} />
            </TableCell>
            {ACTIONS.map((action, i) => (
              <TableCell key={action} className="text-center">
                <Checkbox
                  data-toggle={`col:${action}`}
                  aria-label={`${action} on every resource`}
                  {...cell(0, i + 1)}
                />
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
        )}
      </TableHeader>
      <TableBody>
        {RESOURCES.map((resource, row) => {
          const entry = entryOf(resource);
          const label = RESOURCE_LABELS[resource];
          return (
            <TableRow key={resource}>
              <TableHead scope="row" className="text-foreground">
                <span className="grid leading-tight">
                  <span>{label}</span>
                  <span className="font-mono text-[11px] font-normal text-muted-foreground">{resource}</span>
                  {UNUSED_RESOURCES[resource] && (
                    <span className="text-[11px] font-normal text-muted-foreground italic">
                      {UNUSED_RESOURCES[resource]}
                    </span>
                  )}
                </span>
              </TableHead>
              {!readOnly && (
                <TableCell className="text-center">
                  <Checkbox
                    data-toggle={`row:${resource}`}
                    aria-label={`${label}: every action`}
                    {...cell(row + 1, 0)}
                  />
                </TableCell>
              )}
              {ACTIONS.map((action, i) => {
                const held = entry?.actions.includes(action) ?? false;
                return (
                  <TableCell key={action} className="text-center">
                    {readOnly ? (
                      <Mark held={held} />
                    ) : (
                      <Checkbox
                        name={permissionField(resource, action)}
                        aria-label={`${label}: ${action}`}
                        defaultChecked={held}
                        data-resource={resource}
                        data-action={action}
                        {...cell(row + 1, i + 1)}
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
  return readOnly ? table : <MatrixKeyboard>{table}</MatrixKeyboard>;
}
