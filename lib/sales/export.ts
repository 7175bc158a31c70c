import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { sales, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { csvLine } from "./csv";
import { filterConditions, orderBy } from "./filters";
import { SALE_JSON_FIELDS, saleColumns, saleJson, toRecord } from "./records";
import { saleListParams, toListQuery, withoutBlanks, type SaleFilters } from "./schemas";
import { requireScope } from "./scope";

export const EXPORT_BATCH_SIZE = 2000;

/** Newest first, the list's default order, so the file reads like the first pages of the table. */
const EXPORT_ORDER = orderBy({ column: "closed_at", descending: true });

export function mayExportSales(viewer: Viewer): boolean {
  return viewer.can("export", "read") && viewer.can("sale", "list");
}

/** A file name for today's export. */
export function exportFileName(now = new Date()): string {
  return `sales-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Every listable sale matching the filters as CSV, streamed. Rows are read in keyset batches on
 * (closed_at, id), each batch in its own short scoped transaction, so memory stays flat however many
 * rows there are and no transaction stays open while a slow client reads.
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
  const readBatch = (cursor: { closedAt: string; id: string } | null) =>
    withViewer(viewer, (tx) =>
      tx
        .select(saleColumns)
        .from(sales)
        .innerJoin(users, eq(users.id, sales.ownerId))
        .where(
          cursor
            ? and(where, sql`(${sales.closedAt}, ${sales.id}) < (${cursor.closedAt}::date, ${cursor.id}::uuid)`)
            : where,
        )
        .orderBy(...EXPORT_ORDER)
        .limit(batchSize),
    );
  // At most one batch is read ahead: the database reads the next batch while this process writes
  // the current one out, and memory still holds no more than two batches.
  let next: ReturnType<typeof readBatch> | null = null;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        next = readBatch(null);
        controller.enqueue(encoder.encode(csvLine(SALE_JSON_FIELDS)));
        return;
      }
      const rows = await (next ?? readBatch(null));
      const last = rows.at(-1);
      next = last && rows.length === batchSize ? readBatch({ closedAt: last.closedAt, id: last.id }) : null;
      const text = rows
        .map((row) => {
          const item = saleJson(toRecord(row));
          return csvLine(SALE_JSON_FIELDS.map((field) => item[field]));
        })
        .join("");
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
