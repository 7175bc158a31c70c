"use client";

import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, type FormAction } from "@/lib/action-state";

type SaveReportFormProps = {
  action: FormAction;
  /** The sales list's query as the page reads it, without the page number. */
  sales: string;
  /** The overview's range query, when saved from the overview. */
  overview?: string;
};

/** "Save as report": a name for the view on screen, kept with its filters (never its rows). */
export function SaveReportForm({ action, sales, overview = "" }: SaveReportFormProps) {
  return (
    <details className="rounded-lg border bg-background px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium">Save as report</summary>
      <ActionForm action={action} className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,24rem)_auto] sm:items-end">
        {(state, pending) => (
          <>
            <input type="hidden" name="sales" value={sales} />
            <input type="hidden" name="overview" value={overview} />
            <Field
              id="report-name"
              label="Report name"
              hint="Saves these filters, this sort and these columns. Whoever opens the report sees the deals they may see."
              error={fieldError(state, "name") ?? fieldError(state, "sales") ?? fieldError(state, "overview")}
            >
              {(control) => <Input name="name" required maxLength={120} autoComplete="off" {...control} />}
            </Field>
            <Button type="submit" pending={pending}>
              Save report
            </Button>
          </>
        )}
      </ActionForm>
    </details>
  );
}
