import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows } from "@/db/client";
import { copyTextColumn } from "@/db/copy";
import { sales, users } from "@/db/schema";
import { withViewerOnReplica } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { csvLine } from "./csv";
import { filterConditions, orderBy } from "./filters";
import { SALE_JSON_FIELDS } from "./records";
import { saleListParams, toListQuery, withoutBlanks, type SaleFilters } from "./schemas";
import { requireScope } from "./scope";

/** The first batch is small, so the first rows leave at once; each next one is larger, up to the cap. */
export const EXPORT_FIRST_BATCH = 200;
export const EXPORT_BATCH_SIZE = 5000;

/** Newest first, the list's default order, so the file reads like the first pages of the table. */
const EXPORT_ORDER = orderBy({ column: "closed_at", descending: true });

export function mayExportSales(viewer: Viewer): boolean {
  return viewer.can("export", "read") && viewer.can("sale", "list");
}

/** A file name for today's export. */
export function exportFileName(now = new Date()): string {
  return `sales-${now.toISOString().slice(0, 10)}.csv`;
}

/** A text column as a CSV cell, written by PostgreSQL: the same formula guard and quoting as `csvCell`. */
function textCell(column: AnyPgColumn): SQL {
  const guarded = sql`case when ${column} ~ ('^[-=+@' || chr(9) || chr(13) || ']') then '''' || ${column} else ${column} end`;
  return sql`case when ${column} ~ ('[",' || chr(13) || chr(10) || ']')
    then '"' || replace(${guarded}, '"', '""') || '"' else ${guarded} end`;
}

function isoTime(column: AnyPgColumn): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Each CSV cell as PostgreSQL writes it, spelled exactly as `saleJson` then `csvCell` would: ids and
 * the status need no quoting, the amount is the shortest decimal (as a JavaScript number prints),
 * times are ISO 8601 in UTC to the millisecond.
 */
const CSV_CELLS: Record<(typeof SALE_JSON_FIELDS)[number], SQL> = {
  id: sql`${sales.id}::text`,
  owner_id: sql`${sales.ownerId}::text`,
  owner_username: textCell(users.username),
  customer: textCell(sales.customer),
  product: textCell(sales.product),
  region: textCell(sales.region),
  amount: sql`${sales.amount}::float8::text`,
  status: sql`${sales.status}::text`,
  closed_at: sql`to_char(${sales.closedAt}, 'YYYY-MM-DD')`,
  created_at: isoTime(sales.createdAt),
  updated_at: isoTime(sales.updatedAt),
};

const CSV_ROW = sql`concat_ws(',', ${sql.join(
  SALE_JSON_FIELDS.map((field) => CSV_CELLS[field]),
  sql`, `,
)}) || chr(13) || chr(10)`;

interface CsvBatchRow {
  line: string;
  closedAt: string;
  id: string;
}

type Cursor = Pick<CsvBatchRow, "closedAt" | "id">;

/**
 * The lines of the export, header excluded: one batch's (with the keys of the next one), or all
 * of them, the line alone, for the COPY.
 */
function linesSelect(where: SQL, batch: { cursor: Cursor | null; limit: number } | null): SQL {
  const cursor = batch?.cursor;
  const keys = sql`, to_char(${sales.closedAt}, 'YYYY-MM-DD') as "closedAt", ${sales.id}::text as "id"`;
  return sql`select ${CSV_ROW} as "line"${batch ? keys : sql``}
    from ${sales} inner join ${users} on ${users.id} = ${sales.ownerId}
    where ${where}
      ${cursor ? sql`and (${sales.closedAt}, ${sales.id}) < (${cursor.closedAt}::date, ${cursor.id}::uuid)` : sql``}
    order by ${sql.join(EXPORT_ORDER, sql`, `)}
    ${batch ? sql`limit ${batch.limit}` : sql``}`;
}

function exportWhere(viewer: Viewer, filters: SaleFilters): SQL {
  return and(requireScope(viewer, "list"), ...filterConditions(filters)) as SQL;
}

/** The select the COPY runs for this viewer and these filters (the benchmarks time it bare). */
export function exportLinesSelect(viewer: Viewer, filters: SaleFilters): SQL {
  return linesSelect(exportWhere(viewer, filters), null);
}

/**
 * Every listable sale matching the filters as CSV, streamed. On PostgreSQL one `COPY … TO STDOUT`
 * in one read-only, repeatable-read scoped transaction (db/copy.ts): PostgreSQL writes each line
 * and this process only passes the bytes on. On the embedded database, which cannot stream a COPY,
 * rows are read in keyset batches on (closed_at, id) instead, each batch in its own short scoped
 * transaction, the next read while the current one is written out. Both write the same bytes, and
 * memory stays flat however many rows there are. The row scope is in the WHERE and in the
 * database's policies on both paths.
 * Checks the permission before the first byte, so a refusal is a clean 403.
 */
export function exportSalesCsv(
  viewer: Viewer,
  filters: SaleFilters,
  { batchSize = EXPORT_BATCH_SIZE, copy = true }: { batchSize?: number; copy?: boolean } = {},
): ReadableStream<Uint8Array> {
  if (!mayExportSales(viewer)) throw new Forbidden("You do not have permission to export sales");
  const where = exportWhere(viewer, filters);
  const header = new TextEncoder().encode(csvLine(SALE_JSON_FIELDS));
  let body: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let opening: Promise<ReadableStreamDefaultReader<Uint8Array>> | null = null;
  const open = async () => {
    const copied = copy ? await copyTextColumn(viewer, linesSelect(where, null)) : null;
    return (copied ?? batchedLines(viewer, where, batchSize)).getReader();
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opening) {
        opening = open();
        opening.catch(() => undefined);
        controller.enqueue(header);
        return;
      }
      body ??= await opening;
      const next = await body.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      const reader = await opening?.catch(() => null);
      await reader?.cancel(reason);
    },
  });
}

/** The lines in keyset batches, each in its own scoped transaction; at most two batches held. */
function batchedLines(viewer: Viewer, where: SQL, batchSize: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const readBatch = (cursor: Cursor | null, limit: number) =>
    withViewerOnReplica(viewer, (tx) => queryRows<CsvBatchRow>(tx, linesSelect(where, { cursor, limit })));
  let limit = Math.min(EXPORT_FIRST_BATCH, batchSize);
  let next: ReturnType<typeof readBatch> | null = readBatch(null, limit);

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await (next ?? readBatch(null, limit));
      const last = rows.at(-1);
      const full = rows.length === limit;
      limit = Math.min(limit * 4, batchSize);
      next = last && full ? readBatch(last, limit) : null;
      let text = "";
      for (const row of rows) text += row.line;
      if (text) controller.enqueue(encoder.encode(text));
      if (!next) controller.close();
    },
    cancel() {
      // The reader went away: the batch read ahead is not wanted, and its failure is nobody's.
      next?.catch(() => undefined);
      next = null;
    },
  });
}

/** The export as a download: per-user, never cached. */
export function csvResponse(viewer: Viewer, filters: SaleFilters): Response {
  return new Response(exportSalesCsv(viewer, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The API's export filters: the permission first (403 before any 422), then the strict query schema. */
export function exportFilters(viewer: Viewer, searchParams: Record<string, string>): SaleFilters {
  if (!mayExportSales(viewer)) throw new Forbidden("You do not have permission to export sales");
  return toListQuery(parseInput(saleListParams, withoutBlanks(searchParams), "Invalid query")).filters;
}
