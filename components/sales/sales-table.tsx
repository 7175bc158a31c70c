import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount, formatMoney } from "@/lib/sales/format";
import { COLUMN_LABELS, isColumnShown, SALE_LIST_COLUMNS, type SaleListColumn } from "@/lib/sales/columns";
import type { SaleRecord } from "@/lib/sales/records";
import type { SaleSort, SaleSortColumn } from "@/lib/sales/schemas";
import { ColumnChoiceProvider, ColumnChooser, TotalsLabelCell } from "./column-choice";
import { ListLink } from "./list-navigation";
import { RowLinks } from "./row-links";
import { cardItems, tableRows } from "./sale-rows";

type SalesTableProps = {
  sales: SaleRecord[];
  /** Only when the viewer sees more than their own rows. */
  showOwner: boolean;
  sort: SaleSort;
  /** Where each sortable header leads: the server sorts, so a header is a link. */
  sortLinks: Record<SaleSortColumn, string>;
  caption: string;
  /** Every matching deal, not this page only: counted and added up on the server. */
  totals?: { count: number; amount: number };
  /** The columns the address asks for; undefined for all. */
  columns?: SaleListColumn[];
  /**
   * The list's address parameters other than `cols`: a column choice keeps the rest of the view.
   * Without it there is no column chooser (a preview of someone else's list).
   */
  listParams?: string;
};

const isNumeric = (column: SaleListColumn) => column === "amount";

function SortArrow({ direction }: { direction: "asc" | "desc" | false }) {
  return (
    <span aria-hidden className={cn("text-xs", direction ? "text-foreground" : "text-muted-foreground/50")}>
      {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
    </span>
  );
}

function totalsLabel(totals: { count: number }) {
  return `Total of ${formatCount(totals.count)} matching ${totals.count === 1 ? "deal" : "deals"}`;
}

/**
 * The page's rows, sorted and paged by the server: a table from tablet width up (sticky header,
 * totals at the foot), cards on a phone with the amount beside the customer. The rows themselves
 * are markup text (./sale-rows.ts); the column chooser, the sort links and the rows' links and
 * dates (./row-links.tsx) are the parts that run in the browser. Each row's customer link is its
 * one focus stop; a click anywhere on the row follows it.
 */
export function SalesTable({
  sales,
  showOwner,
  sort,
  sortLinks,
  caption,
  totals,
  columns,
  listParams,
}: SalesTableProps) {
  const shown = SALE_LIST_COLUMNS.filter((id) => isColumnShown(columns, id) && (id !== "owner" || showOwner));
  const shows = (id: SaleListColumn) => shown.includes(id);

  return (
    <ColumnChoiceProvider columns={columns} showOwner={showOwner} listParams={listParams}>
      <ColumnChooser />
      <RowLinks>
        <div className="hidden md:block">
          <Table aria-label="Sales" containerClassName="max-h-[calc(100dvh-5rem)] overflow-y-auto">
            <TableCaption className="sr-only">{caption}</TableCaption>
            <TableHeader className="sticky top-0 z-10 bg-muted shadow-[0_1px_0_var(--color-border)]">
              <TableRow className="hover:bg-transparent">
                {shown.map((id) => {
                  const direction = id === sort.column ? (sort.descending ? "desc" : "asc") : false;
                  return (
                    <TableHead
                      key={id}
                      data-column={id}
                      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined}
                      className={cn(isNumeric(id) && "text-right")}
                    >
                      <ListLink
                        href={sortLinks[id]}
                        className={cn(
                          "inline-flex items-center gap-1 hover:text-foreground aria-busy:cursor-progress",
                          isNumeric(id) && "flex-row-reverse",
                        )}
                      >
                        {COLUMN_LABELS[id]}
                        <SortArrow direction={direction} />
                      </ListLink>
                    </TableHead>
                  );
                })}
              </TableRow>
            </TableHeader>
            <TableBody
              data-rows=""
              className="sale-rows"
              dangerouslySetInnerHTML={{ __html: tableRows(sales, shown).html }}
            />
            {totals && (
              <TableFooter className="sticky bottom-0 z-10">
                <TableRow className="hover:bg-transparent">
                  <TotalsLabelCell rendered={shown} className="bg-muted text-foreground">
                    {totalsLabel(totals)}
                  </TotalsLabelCell>
                  {shows("amount") && (
                    <TableCell data-column="amount" className="text-right font-semibold tabular-nums">
                      {formatMoney(totals.amount)}
                    </TableCell>
                  )}
                </TableRow>
              </TableFooter>
            )}
          </Table>
        </div>

        <div className="md:hidden">
          <ul
            aria-label="Sales"
            data-rows=""
            className="sale-cards divide-y"
            dangerouslySetInnerHTML={{ __html: cardItems(sales, shown).html }}
          />
          {totals && (
            <p className="flex items-baseline justify-between gap-3 border-t bg-muted px-4 py-3 text-sm font-medium">
              <span>{totalsLabel(totals)}</span>
              {shows("amount") && (
                <span data-column="amount" className="font-semibold tabular-nums">
                  {formatMoney(totals.amount)}
                </span>
              )}
            </p>
          )}
        </div>
      </RowLinks>
    </ColumnChoiceProvider>
  );
}
