"use client";

import { createContext, use, useState, type ComponentProps, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { buttonClass } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table";
import {
  ALWAYS_SHOWN,
  COLUMN_LABELS,
  columnsToParam,
  isColumnShown,
  SALE_LIST_COLUMNS,
  type SaleListColumn,
} from "@/lib/sales/columns";
import { useListNavigation } from "./list-navigation";

type Visibility = Record<SaleListColumn, boolean>;

interface ColumnChoice {
  visibility: Visibility;
  /** The columns this viewer can have at all (no owner when they see their own rows only). */
  choosable: readonly SaleListColumn[];
  listParams: string | undefined;
  toggle: (column: SaleListColumn, shown: boolean) => void;
}

const ChoiceContext = createContext<ColumnChoice | null>(null);

function visibilityOf(columns: readonly SaleListColumn[] | undefined): Visibility {
  return Object.fromEntries(SALE_LIST_COLUMNS.map((id) => [id, isColumnShown(columns, id)])) as Visibility;
}

/** The address of the list with these columns shown, the rest of its view (page included) kept. */
function columnsHref(listParams: string, visibility: Visibility): string {
  const params = new URLSearchParams(listParams);
  const cols = columnsToParam(SALE_LIST_COLUMNS.filter((id) => id === ALWAYS_SHOWN || visibility[id]));
  if (cols) params.set("cols", cols);
  return params.size > 0 ? `/sales?${params}` : "/sales";
}

type ColumnChoiceProviderProps = {
  /** The columns the address asks for; undefined for all. */
  columns: readonly SaleListColumn[] | undefined;
  showOwner: boolean;
  /** The list's address parameters other than `cols`; undefined where the view cannot be changed. */
  listParams: string | undefined;
  children: ReactNode;
};

/**
 * The columns on screen: the address's choice, changed at once by the chooser while the address
 * catches up, and taken afresh when the address changes otherwise (back, a report opened). The
 * table itself is the server's markup; this only hides the cells of columns just unticked.
 */
export function ColumnChoiceProvider({ columns, showOwner, listParams, children }: ColumnChoiceProviderProps) {
  const { navigate } = useListNavigation();
  const fromAddress = columnsToParam(columns) ?? "";
  const [choice, setChoice] = useState({ fromAddress, visibility: visibilityOf(columns) });
  let chosen = choice.visibility;
  if (choice.fromAddress !== fromAddress) {
    chosen = visibilityOf(columns);
    setChoice({ fromAddress, visibility: chosen });
  }
  const toggle = (column: SaleListColumn, shown: boolean) => {
    if (listParams === undefined || column === ALWAYS_SHOWN) return;
    const next = { ...chosen, [column]: shown };
    setChoice({ fromAddress, visibility: next });
    navigate(columnsHref(listParams, next), "columns");
  };
  // The owner's choice is kept in the address for whoever opens the view, even when this viewer has no
  // owners to see.
  const visibility = { ...chosen, owner: showOwner && chosen.owner };
  const choosable = SALE_LIST_COLUMNS.filter((id) => id !== "owner" || showOwner);
  // app/globals.css hides the cells of each column named here, before the server's table without them arrives.
  const hidden = SALE_LIST_COLUMNS.filter((id) => !visibility[id]).join(" ");
  return (
    <ChoiceContext value={{ visibility, choosable, listParams, toggle }}>
      <div data-hidden-columns={hidden || undefined}>{children}</div>
    </ChoiceContext>
  );
}

function useColumnChoice(): ColumnChoice {
  const choice = use(ChoiceContext);
  if (!choice) throw new Error("Column choice is used outside its provider");
  return choice;
}

/**
 * The totals' label spans every shown column but the amount; a cell of its own so the span follows
 * a column unticked a moment ago.
 */
export function TotalsLabelCell({
  rendered,
  ...props
}: ComponentProps<typeof TableHead> & { rendered: readonly SaleListColumn[] }) {
  const { visibility } = useColumnChoice();
  const shown = rendered.filter((id) => visibility[id]);
  const span = shown.includes("amount") ? shown.length - 1 : shown.length;
  return <TableHead scope="row" colSpan={Math.max(1, span)} {...props} />;
}

/**
 * "Columns": a disclosure holding one checkbox per column. A tick changes the table at once, and
 * the address follows. Without scripts it is a GET form onto the list with its own button.
 */
export function ColumnChooser() {
  const { visibility, choosable, listParams, toggle } = useColumnChoice();
  if (listParams === undefined) return null;
  const shown = choosable.filter((id) => visibility[id]).length;
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
            {choosable.map((id) => {
              const fixed = id === ALWAYS_SHOWN;
              return (
                <li key={id}>
                  <Label className="inline-flex min-h-6 items-center gap-2 font-normal">
                    <Checkbox
                      name={fixed ? undefined : "cols"}
                      value={id}
                      checked={visibility[id]}
                      disabled={fixed}
                      aria-describedby={fixed ? "column-always-shown" : undefined}
                      onChange={(event) => toggle(id, event.currentTarget.checked)}
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
