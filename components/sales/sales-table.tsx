"use client";

import {
  createColumnHelper,
  flexRender,
  functionalUpdate,
  getCoreRowModel,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type MouseEvent } from "react";
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
import { Day } from "@/components/ui/local-time";
import { formatCount, formatMoney } from "@/lib/sales/format";
import {
  ALWAYS_SHOWN,
  columnsToParam,
  isColumnShown,
  SALE_LIST_COLUMNS,
  type SaleListColumn,
} from "@/lib/sales/columns";
import type { SaleRecord } from "@/lib/sales/records";
import type { SaleSort, SaleSortColumn } from "@/lib/sales/schemas";
import { ColumnChooser } from "./column-chooser";
import { ListLink, useListNavigation } from "./list-navigation";
import { StatusBadge } from "./status-badge";

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

const column = createColumnHelper<SaleRecord>();

const saleHref = (sale: SaleRecord) => `/sales/${sale.id}`;

const COLUMNS = [
  column.accessor("customer", {
    header: "Customer",
    enableHiding: false,
    meta: { sort: "customer" },
    cell: (info) => (
      <Link
        href={saleHref(info.row.original)}
        className="font-medium text-foreground hover:text-accent hover:underline"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor("product", { header: "Product", meta: { sort: "product" } }),
  column.accessor("region", { header: "Region", meta: { sort: "region" } }),
  column.accessor("ownerName", {
    id: "owner",
    header: "Owner",
    meta: { sort: "owner" },
    cell: (info) => <span title={info.row.original.ownerUsername}>{info.getValue()}</span>,
  }),
  column.accessor("status", {
    header: "Status",
    meta: { sort: "status" },
    cell: (info) => <StatusBadge status={info.getValue()} />,
  }),
  column.accessor("closedAt", {
    id: "closed_at",
    header: "Closed",
    meta: { sort: "closed_at" },
    cell: (info) => <Day date={info.getValue()} />,
  }),
  column.accessor("amount", {
    header: "Amount",
    meta: { sort: "amount", numeric: true },
    cell: (info) => formatMoney(info.getValue()),
  }),
];

interface ColumnMeta {
  sort?: SaleSortColumn;
  numeric?: boolean;
}

function SortArrow({ direction }: { direction: "asc" | "desc" | false }) {
  return (
    <span aria-hidden className={cn("text-xs", direction ? "text-foreground" : "text-muted-foreground/50")}>
      {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
    </span>
  );
}

/** A click on a row's text (not on its link, nor a selection being made) opens the sale, as the link does. */
function opensRow(event: MouseEvent<HTMLElement>): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return false;
  if ((event.target as Element).closest("a, button, input, select, textarea, label")) return false;
  return !window.getSelection()?.toString();
}

function totalsLabel(totals: { count: number }) {
  return `Total of ${formatCount(totals.count)} matching ${totals.count === 1 ? "deal" : "deals"}`;
}

function visibilityOf(columns: SaleListColumn[] | undefined): VisibilityState {
  return Object.fromEntries(SALE_LIST_COLUMNS.map((id) => [id, isColumnShown(columns, id)]));
}

/** The address of the list with these columns shown, the rest of its view (page included) kept. */
function columnsHref(listParams: string, visibility: VisibilityState): string {
  const params = new URLSearchParams(listParams);
  const cols = columnsToParam(SALE_LIST_COLUMNS.filter((id) => id === ALWAYS_SHOWN || visibility[id] !== false));
  if (cols) params.set("cols", cols);
  return params.size > 0 ? `/sales?${params}` : "/sales";
}

/**
 * The columns on screen: the address's choice, changed at once by the chooser while the address
 * catches up, and taken afresh when the address changes otherwise (back, a report opened).
 */
function useColumnChoice(columns: SaleListColumn[] | undefined, listParams: string | undefined) {
  const { navigate } = useListNavigation();
  const fromAddress = columnsToParam(columns) ?? "";
  const [choice, setChoice] = useState({ fromAddress, visibility: visibilityOf(columns) });
  let visibility = choice.visibility;
  if (choice.fromAddress !== fromAddress) {
    visibility = visibilityOf(columns);
    setChoice({ fromAddress, visibility });
  }
  const change = (next: VisibilityState) => {
    if (listParams === undefined) return;
    setChoice({ fromAddress, visibility: next });
    navigate(columnsHref(listParams, next), "columns");
  };
  return [visibility, change] as const;
}

/**
 * The page's rows, sorted and paged by the server; this component only lays them out: a table from
 * tablet width up (sticky header, totals at the foot), cards on a phone with the amount beside the
 * customer. Each row's customer link is its one focus stop; a click anywhere on the row follows it.
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
  const router = useRouter();
  const [chosen, choose] = useColumnChoice(columns, listParams);
  // The compiler cannot memoise TanStack's table; nothing to lose here, a render is a server response or a
  // column choice.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: sales,
    columns: COLUMNS,
    // The owner's choice is kept in the address for whoever opens the view, even when this viewer has
    // no owners to see.
    state: { columnVisibility: { ...chosen, owner: showOwner && chosen.owner !== false } },
    onColumnVisibilityChange: (updater) => choose(functionalUpdate(updater, chosen)),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  const visibleColumns = table.getVisibleLeafColumns().length;
  const shows = (id: SaleListColumn) => table.getColumn(id)?.getIsVisible() === true;
  const choosable = SALE_LIST_COLUMNS.filter((id) => id !== "owner" || showOwner);

  return (
    <>
      {listParams !== undefined && <ColumnChooser table={table} choosable={choosable} listParams={listParams} />}
      <div className="hidden md:block">
        <Table aria-label="Sales" containerClassName="max-h-[calc(100dvh-5rem)] overflow-y-auto">
          <TableCaption className="sr-only">{caption}</TableCaption>
          <TableHeader className="sticky top-0 z-10 bg-muted shadow-[0_1px_0_var(--color-border)]">
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const meta = (header.column.columnDef.meta ?? {}) as ColumnMeta;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  const direction = meta.sort === sort.column ? (sort.descending ? "desc" : "asc") : false;
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined}
                      className={cn(meta.numeric && "text-right")}
                    >
                      {meta.sort ? (
                        <ListLink
                          href={sortLinks[meta.sort]}
                          className={cn(
                            "inline-flex items-center gap-1 hover:text-foreground aria-busy:cursor-progress",
                            meta.numeric && "flex-row-reverse",
                          )}
                        >
                          {label}
                          <SortArrow direction={direction} />
                        </ListLink>
                      ) : (
                        label
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <TableRow
                key={row.id}
                className="cursor-pointer"
                onClick={(event) => {
                  if (opensRow(event)) router.push(saleHref(row.original));
                }}
              >
                {row.getVisibleCells().map((cell) => {
                  const meta = (cell.column.columnDef.meta ?? {}) as ColumnMeta;
                  return (
                    <TableCell key={cell.id} className={cn(meta.numeric && "text-right tabular-nums")}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
          {totals && (
            <TableFooter className="sticky bottom-0 z-10">
              <TableRow className="hover:bg-transparent">
                <TableHead
                  scope="row"
                  colSpan={shows("amount") ? visibleColumns - 1 : visibleColumns}
                  className="bg-muted text-foreground"
                >
                  {totalsLabel(totals)}
                </TableHead>
                {shows("amount") && (
                  <TableCell className="text-right font-semibold tabular-nums">{formatMoney(totals.amount)}</TableCell>
                )}
              </TableRow>
            </TableFooter>
          )}
        </Table>
      </div>

      <div className="md:hidden">
        <ul aria-label="Sales" className="divide-y">
          {sales.map((sale) => (
            <li key={sale.id} className="relative grid gap-1 px-4 py-3 hover:bg-muted/40">
              <div className="flex items-baseline justify-between gap-3">
                <Link
                  href={saleHref(sale)}
                  className="min-w-0 truncate font-medium text-foreground after:absolute after:inset-0 after:content-['']"
                >
                  {sale.customer}
                </Link>
                {shows("amount") && (
                  <span className="shrink-0 font-semibold tabular-nums">{formatMoney(sale.amount)}</span>
                )}
              </div>
              <CardDetails sale={sale} shows={shows} />
            </li>
          ))}
        </ul>
        {totals && (
          <p className="flex items-baseline justify-between gap-3 border-t bg-muted px-4 py-3 text-sm font-medium">
            <span>{totalsLabel(totals)}</span>
            {shows("amount") && <span className="font-semibold tabular-nums">{formatMoney(totals.amount)}</span>}
          </p>
        )}
      </div>
    </>
  );
}

/** A card's second line: the status, then the shown columns' values, separated by dots. */
function CardDetails({ sale, shows }: { sale: SaleRecord; shows: (id: SaleListColumn) => boolean }) {
  const texts = [
    shows("closed_at") && <Day key="closed_at" date={sale.closedAt} />,
    shows("product") && <span key="product">{sale.product}</span>,
    shows("region") && <span key="region">{sale.region}</span>,
    shows("owner") && <span key="owner">{sale.ownerName}</span>,
  ].filter((part) => part !== false);
  if (!shows("status") && texts.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
      {shows("status") && <StatusBadge status={sale.status} />}
      {texts.map((part, index) => (
        <span key={part.key} className="contents">
          {index > 0 && <span aria-hidden>·</span>}
          {part}
        </span>
      ))}
    </div>
  );
}
