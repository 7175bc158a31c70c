"use client";

import type { Table } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { ALWAYS_SHOWN, COLUMN_LABELS, SALE_LIST_COLUMNS, type SaleListColumn } from "@/lib/sales/columns";
import { buttonClass } from "@/components/ui/button";

type ColumnChooserProps<Row> = {
  table: Table<Row>;
  /** The columns this viewer can have at all (no owner when they see their own rows only). */
  choosable: readonly SaleListColumn[];
  /** The list's address parameters other than `cols`, for the form that works without scripts. */
  listParams: string;
};

/**
 * "Columns": a disclosure holding one checkbox per column. A tick changes the table's column
 * visibility at once, and the table puts the choice in the address. Without scripts it is a GET
 * form onto the list with its own button.
 */
export function ColumnChooser<Row>({ table, choosable, listParams }: ColumnChooserProps<Row>) {
  const shown = choosable.filter((id) => table.getColumn(id)?.getIsVisible()).length;
  return (
    <details className="border-b px-3 py-2 text-sm">
      <summary className="inline-flex cursor-pointer items-center gap-1.5 rounded-md py-1 font-medium select-none">
        Columns
        <span className="text-xs font-normal text-muted-foreground">
          ({shown} of {choosable.length} shown)
        </span>
      </summary>
      <form action="/sales" method="get" className="mt-2" onSubmit={(event) => event.preventDefault()}>
        {[...new URLSearchParams(listParams)].map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <input type="hidden" name="cols" value={ALWAYS_SHOWN} />
        <fieldset>
          <legend className="sr-only">Columns to show</legend>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            {SALE_LIST_COLUMNS.filter((id) => choosable.includes(id)).map((id) => {
              const column = table.getColumn(id);
              const fixed = !column?.getCanHide();
              return (
                <li key={id}>
                  <Label className="inline-flex min-h-6 items-center gap-2 font-normal">
                    <Checkbox
                      name={fixed ? undefined : "cols"}
                      value={id}
                      checked={column?.getIsVisible() ?? false}
                      disabled={fixed}
                      aria-describedby={fixed ? "column-always-shown" : undefined}
                      onChange={(event) => column?.toggleVisibility(event.currentTarget.checked)}
                    />
                    {COLUMN_LABELS[id]}
                  </Label>
                </li>
              );
            })}
          </ul>
          <p id="column-always-shown" className="mt-2 text-xs text-muted-foreground">
            {COLUMN_LABELS[ALWAYS_SHOWN]} is always shown: it opens the deal.
          </p>
        </fieldset>
        <noscript>
          <button type="submit" className={buttonClass({ variant: "outline", size: "sm", className: "mt-2" })}>
            Show these columns
          </button>
        </noscript>
      </form>
    </details>
  );
}
