"use client";

import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";
import { fieldError, idle, type ActionState, type FormAction } from "@/lib/action-state";
import { RESOURCE_LABELS, isResource } from "@/lib/rbac/catalog";
import { rolePath, userPath } from "@/lib/navigation";
import { EXTEND_CHOICES, type ExpiringItem } from "@/lib/rbac/expiring-schemas";
import { ActionResult, useFormAction } from "@/components/action-form";
import { TimeZoneInput, useBrowserTimeZone } from "./time-zone";

export type ExpiringRow = ExpiringItem & {
  /** "in 5 hours", judged on the database clock when the page was rendered. */
  left: string;
};

/** "Exports: read, list (all)" or "role sales-rep". */
function whatOf(item: ExpiringItem): string {
  if (item.kind === "assignment") return `role ${item.role}`;
  const name = isResource(item.resource) ? RESOURCE_LABELS[item.resource] : item.resource;
  return `${name}: ${item.actions.join(", ")}${item.scope ? ` (${item.scope})` : ""}`;
}

type ExpiringTableProps = {
  items: ExpiringRow[];
  action: FormAction;
  canExtend: boolean;
  /** Shown instead of the table when nothing is listed. */
  empty: ReactNode;
};

/**
 * What ends within the week, soonest first; an admin extends one through a dialog, reason required.
 * The confirmation stays when the extended item was the last one listed.
 */
export function ExpiringTable({ items, action, canExtend, empty }: ExpiringTableProps) {
  const { state, pending, formProps } = useFormAction(action, idle);
  // The state the dialog was opened under: a newer success closes it, a newer refusal shows in it.
  const [opened, setOpened] = useState<{ item: ExpiringRow; under: ActionState } | null>(null);
  const answered = opened !== null && state !== opened.under;
  const extending = opened && !(answered && state.status === "success") ? opened.item : null;
  const [choice, setChoice] = useState("7");
  const zone = useBrowserTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstProblem(formRef, answered && state.status === "error" ? state : null);

  function open(item: ExpiringRow) {
    setChoice("7");
    setOpened({ item, under: state });
  }

  return (
    <div className="grid gap-3">
      {extending === null && state.status === "success" && <ActionResult state={state} />}
      {items.length === 0 ? (
        empty
      ) : (
        <Table aria-label="Grants and role assignments expiring soon">
          <TableHeader>
            <TableRow>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Ends</TableHead>
              <TableHead>Reason given</TableHead>
              {canExtend && (
                <TableHead>
                  <span className="sr-only">Extend</span>
                </TableHead>
              )}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={`${item.kind}-${item.id}`}>
                <TableHead scope="row" className="h-auto py-2.5">
                  <Link
                    href={userPath(item.user_id)}
                    className="font-medium text-accent underline-offset-4 hover:underline"
                  >
                    {item.username}
                  </Link>
                  <span className="block text-xs font-normal text-muted-foreground">{item.user_name}</span>
                </TableHead>
                <TableCell>
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Badge>{item.kind === "grant" ? "Grant" : "Role"}</Badge>
                    {item.kind === "assignment" ? (
                      <Link href={rolePath(item.role)} className="text-accent underline-offset-4 hover:underline">
                        {item.role}
                      </Link>
                    ) : (
                      whatOf(item)
                    )}
                  </span>
                </TableCell>
                <TableCell className="text-xs">
                  <Badge variant="warning">{item.left}</Badge> <DateTime value={item.expires_at} />
                </TableCell>
                <TableCell className="max-w-56">
                  {item.reason ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                {canExtend && (
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant="outline"
                      onClick={() => open(item)}
                      aria-label={`Extend ${item.username}'s ${item.kind === "grant" ? "grant of " : ""}${whatOf(item)}`}
                    >
                      Extend
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog
        open={extending !== null}
        onOpenChange={(isOpen) => !isOpen && setOpened(null)}
        title={extending ? `Extend ${extending.username}'s ${whatOf(extending)}` : "Extend"}
        description={
          extending ? (
            <>
              It ends <DateTime value={extending.expires_at} /> ({extending.left}).
            </>
          ) : undefined
        }
      >
        {extending && (
          <form ref={formRef} className="grid gap-4" aria-busy={pending || undefined} {...formProps}>
            {answered && <ActionResult state={state} quiet />}
            <input type="hidden" name="kind" value={extending.kind} />
            <input type="hidden" name="id" value={extending.id} />
            <TimeZoneInput name="time_zone" zone={zone} />
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">New end</legend>
              {EXTEND_CHOICES.map((days) => (
                <label key={days} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="extend"
                    value={String(days)}
                    checked={choice === String(days)}
                    onChange={() => setChoice(String(days))}
                  />
                  {days} more days
                </label>
              ))}
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="extend"
                  value="date"
                  checked={choice === "date"}
                  onChange={() => setChoice("date")}
                />
                A date and time of my choice
              </label>
            </fieldset>
            {choice === "date" ? (
              <Field
                id="extend-expires"
                label="Ends at"
                hint={`Your time zone (${zone}).`}
                error={answered ? fieldError(state, "expires_at") : undefined}
              >
                {(control) => <Input type="datetime-local" name="expires_local" {...control} />}
              </Field>
            ) : (
              answered &&
              fieldError(state, "expires_at") && (
                <p role="alert" className="text-sm text-danger">
                  {fieldError(state, "expires_at")}
                </p>
              )
            )}
            <Field id="extend-reason" label="Reason" error={answered ? fieldError(state, "reason") : undefined}>
              {(control) => <Input name="reason" maxLength={1000} autoComplete="off" {...control} />}
            </Field>
            <DialogActions>
              <Button type="button" variant="outline" onClick={() => setOpened(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Extending…" : "Extend"}
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </div>
  );
}
