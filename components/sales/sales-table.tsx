"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatDay, formatMoney } from "@/lib/sales/format";
import type { SaleRecord } from "@/lib/sales/records";
import type { SaleSort, SaleSortColumn } from "@/lib/sales/schemas";
import { StatusBadge } from "./status-badge";

type SalesTableProps = {
  sales: SaleRecord[];
  /** Only when the viewer sees more than his own rows. */
  showOwner: boolean;
  sort: SaleSort;
  /** Where each sortable header leads: the server sorts, so a header is a link. */
  sortLinks: Record<SaleSortColumn, string>;
  caption: string;
};

const column = createColumnHelper<SaleRecord>();

const COLUMNS = [
  column.accessor("customer", {
    header: "Customer",
    meta: { sort: "customer" },
    cell: (info) => (
      <Link
        href={`/sales/${info.row.original.id}`}
        className="font-medium text-foreground hover:text-accent hover:underline"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor("product", { header: "Product" }),
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
    header: "Closed",
    meta: { sort: "closed_at" },
    cell: (info) => <time dateTime={info.getValue()}>{formatDay(info.getValue())}</time>,
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

/** The page's rows, sorted and paged by the server; this component only lays them out. */
export function SalesTable({ sales, showOwner, sort, sortLinks, caption }: SalesTableProps) {
  // The compiler cannot memoise TanStack's table; nothing to lose here, each render is one server response.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: sales,
    columns: COLUMNS,
    state: { columnVisibility: { owner: showOwner } },
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <Table aria-label="Sales">
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
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
                    <Link
                      href={sortLinks[meta.sort]}
                      scroll={false}
                      className={cn(
                        "inline-flex items-center gap-1 hover:text-foreground",
                        meta.numeric && "flex-row-reverse",
                      )}
                    >
                      {label}
                      <SortArrow direction={direction} />
                    </Link>
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
          <TableRow key={row.id}>
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
    </Table>
  );
}
