"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RESOURCE_LABELS, SCOPE_LABELS } from "@/lib/rbac/catalog";
import type { PermissionChange, PreviewAction, PreviewState, WhatIfResult } from "@/lib/rbac/what-if-schemas";

const count = new Intl.NumberFormat("en-US");

function changeLabel(change: PermissionChange): string {
  const scope = change.scope ? ` (${SCOPE_LABELS[change.scope].toLowerCase()})` : "";
  return `${RESOURCE_LABELS[change.resource]}: ${change.action}${scope}`;
}

function Changes({ changes, variant }: { changes: PermissionChange[]; variant: "success" | "danger" }) {
  if (changes.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {changes.map((change) => (
        <li key={changeLabel(change)}>
          <Badge variant={variant}>{changeLabel(change)}</Badge>
        </li>
      ))}
    </ul>
  );
}

function summary(result: WhatIfResult): string {
  const people = (n: number) => `${count.format(n)} ${n === 1 ? "person" : "people"}`;
  if (result.total_affected === 0) {
    return result.reached === 0
      ? "Nobody holds this yet: saving changes nobody's access."
      : `Saving changes nothing for the ${people(result.reached)} it reaches.`;
  }
  if (result.reached === 1) return "Saving would change this person's access as below.";
  const shown = result.truncated ? ` The first ${count.format(result.users.length)} by username are listed.` : "";
  return `Saving would change the access of ${people(result.total_affected)} of the ${people(result.reached)} it reaches.${shown}`;
}

function PreviewTable({ result }: { result: WhatIfResult }) {
  return (
    <Table aria-label="Who the change affects">
      <TableHeader>
        <TableRow>
          <TableHead>Person</TableHead>
          <TableHead>Gains</TableHead>
          <TableHead>Loses</TableHead>
          <TableHead className="text-right">Sales visible, before → after</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.users.map((user) => (
          <TableRow key={user.user_id}>
            <TableHead scope="row" className="font-normal text-foreground">
              <span className="font-medium">{user.name}</span>{" "}
              <span className="text-muted-foreground">({user.username})</span>
            </TableHead>
            <TableCell>
              <Changes changes={user.gains} variant="success" />
            </TableCell>
            <TableCell>
              <Changes changes={user.losses} variant="danger" />
            </TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {count.format(user.rows.before)} → {count.format(user.rows.after)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * "Preview changes" inside a console form: sends the form's current fields to `preview` and shows
 * who would gain or lose what, without saving. The result is announced politely when it arrives.
 */
export function WhatIfPreview({ preview }: { preview: PreviewAction }) {
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const button = useRef<HTMLButtonElement>(null);

  // A preview describes the fields as they were: any edit afterwards withdraws it.
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const withdraw = () => setState({ status: "idle" });
    form.addEventListener("input", withdraw);
    form.addEventListener("reset", withdraw);
    return () => {
      form.removeEventListener("input", withdraw);
      form.removeEventListener("reset", withdraw);
    };
  }, []);

  function run() {
    const form = button.current?.form;
    if (!form) return;
    const formData = new FormData(form);
    startTransition(async () => setState(await preview(formData)));
  }

  return (
    <div className="grid gap-3">
      <div>
        <Button ref={button} type="button" variant="outline" pending={pending} onClick={run}>
          Preview changes
        </Button>
      </div>
      <div aria-live="polite" aria-atomic="true" className="grid gap-3">
        {state.status === "error" ? (
          <Alert variant="error">
            {state.fieldErrors ? (
              <ul className="grid gap-1">
                {Object.values(state.fieldErrors).map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : (
              state.error
            )}
          </Alert>
        ) : null}
        {state.status === "ready" ? (
          <>
            <p className="text-sm">{summary(state.result)}</p>
            {state.result.users.length > 0 ? <PreviewTable result={state.result} /> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
