import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows } from "@/db/client";
import { sales, users } from "@/db/schema";
import { withViewerOnReplica } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { csvAttachment } from "@/lib/http";
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
 * Every listable sale matching the filters as CSV, streamed. Rows are read in keyset batches on
 * (closed_at, id), each batch in its own short scoped transaction, so memory stays flat however many
 * rows there are and no transaction stays open while a slow client reads. PostgreSQL writes each
 * line, so this process only joins strings; the next batch is read while the current one is
 * written out, and at most two batches are held.
 * Checks the permission before the first byte, so a refusal is a clean 403.
 */
export function exportSalesCsv(
  viewer: Viewer,
  filters: SaleFilters,
  batchSize = EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  if (!mayExportSales(viewer)) throw new Forbidden("You do not have permission to export sales");
  const where = and(requireScope(viewer, "list"), ...filterConditions(filters)) as SQL;
  const encoder = new TextEncoder();
  const readBatch = (cursor: Cursor | null, limit: number) =>
    withViewerOnReplica(viewer, (tx) =>
      queryRows<CsvBatchRow>(
        tx,
        sql`select ${CSV_ROW} as "line", to_char(${sales.closedAt}, 'YYYY-MM-DD') as "closedAt", ${sales.id}::text as "id"
          from ${sales} inner join ${users} on ${users.id} = ${sales.ownerId}
          where ${where}
            ${cursor ? sql`and (${sales.closedAt}, ${sales.id}) < (${cursor.closedAt}::date, ${cursor.id}::uuid)` : sql``}
          order by ${sql.join(EXPORT_ORDER, sql`, `)}
          limit ${limit}`,
      ),
    );
  let limit = Math.min(EXPORT_FIRST_BATCH, batchSize);
  let next: ReturnType<typeof readBatch> | null = null;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        next = readBatch(null, limit);
        controller.enqueue(encoder.encode(csvLine(SALE_JSON_FIELDS)));
        return;
      }
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
  return csvAttachment(exportSalesCsv(viewer, filters), exportFileName());
}

/** The API's export filters: the permission first (403 before any 422), then the strict query schema. */
export function exportFilters(viewer: Viewer, searchParams: Record<string, string>): SaleFilters {
  if (!mayExportSales(viewer)) throw new Forbidden("You do not have permission to export sales");
  return toListQuery(parseInput(saleListParams, withoutBlanks(searchParams), "Invalid query")).filters;
}
