// The sales list's columns, as its address names them (`cols=product,region,amount`): which ones a
// view shows. Absent means every column; the customer is always shown, as it is each row's link.
import { z } from "zod";

export const SALE_LIST_COLUMNS = ["customer", "product", "region", "owner", "status", "closed_at", "amount"] as const;
export type SaleListColumn = (typeof SALE_LIST_COLUMNS)[number];

/** The one column a view cannot hide. */
export const ALWAYS_SHOWN: SaleListColumn = "customer";

export const COLUMN_LABELS: Record<SaleListColumn, string> = {
  customer: "Customer",
  product: "Product",
  region: "Region",
  owner: "Owner",
  status: "Status",
  closed_at: "Closed",
  amount: "Amount",
};

const isColumn = (name: string): name is SaleListColumn => (SALE_LIST_COLUMNS as readonly string[]).includes(name);

/** The names in a `cols` value (comma-separated, or repeated as a form sends it), blanks left out. */
function namesIn(value: string | readonly string[]): string[] {
  return (typeof value === "string" ? [value] : value)
    .flatMap((part) => part.split(","))
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** The shown columns in the table's order, the customer included, or undefined for "all of them". */
function shownColumns(names: readonly SaleListColumn[]): SaleListColumn[] | undefined {
  const shown = SALE_LIST_COLUMNS.filter((column) => column === ALWAYS_SHOWN || names.includes(column));
  return shown.length === SALE_LIST_COLUMNS.length ? undefined : shown;
}

/** The API's reading of `cols`: an unknown name is a 422 on the field that holds it. */
export const saleColumnsParam = z
  .string({ error: "Must be text: column names separated by commas" })
  .transform((value, ctx) => {
    const names = namesIn(value);
    const unknown = names.filter((name) => !isColumn(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `Unknown ${unknown.length === 1 ? "column" : "columns"} ${unknown.join(", ")}: choose from ${SALE_LIST_COLUMNS.join(", ")}`,
      });
      return z.NEVER;
    }
    return shownColumns(names.filter(isColumn));
  });

/** The page's reading of `cols`: unknown names are left out; if none is left, every column shows. */
export function columnsFromParam(value: string | readonly string[] | undefined): SaleListColumn[] | undefined {
  if (value === undefined) return undefined;
  const names = namesIn(value).filter(isColumn);
  return names.length === 0 ? undefined : shownColumns(names);
}

/**
 * The shown columns as the address spells them: every column is no parameter at all, and the
 * customer alone (which is always there) is named only when nothing else is shown.
 */
export function columnsToParam(columns: readonly SaleListColumn[] | undefined): string | undefined {
  const shown = columns && shownColumns(columns);
  if (!shown) return undefined;
  const hideable = shown.filter((column) => column !== ALWAYS_SHOWN);
  return (hideable.length > 0 ? hideable : [ALWAYS_SHOWN]).join(",");
}

export function isColumnShown(columns: readonly SaleListColumn[] | undefined, column: SaleListColumn): boolean {
  return column === ALWAYS_SHOWN || !columns || columns.includes(column);
}
