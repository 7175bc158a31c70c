// CSV export through lib/sales (exportSalesCsv, the stream the download route returns), read to the
// end in this process: rows per second, time to the first byte and first row, and memory while it runs;
// next to its floor, the same COPY statement read by a bare postgres.js client (no transaction, no
// row security, the bytes counted and dropped) in the same rounds.
import { finished } from "node:stream/promises";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { DatabaseHandle } from "@/db/client";
import { exportLinesSelect, exportSalesCsv } from "@/lib/sales/export";
import { describeRead, readCsv, readFigures, streamChunks } from "./csv-stream";
import type { OwnerClient } from "./database";
import { floorClient } from "./floors";
import { ownHeapMb, ownRssMb, traceMemory } from "./memory";
import { EXPORTERS } from "./population";
import { progress } from "./progress";
import { expectRows, figure, inRounds, type Figure } from "./stats";
import { expectedCount, viewerNamed } from "./viewers";

/** "Flat": what the export holds at once does not grow with the rows it sends. */
export const MEMORY_TARGET_MB = 64;
/** One export round stops here: at the target rate a million rows take 5 s. */
export const EXPORT_CAP_MS = 30_000;

/** Milliseconds to read the whole COPY, and how many messages (one per row, plus header and trailer) came. */
async function bareCopy(client: postgres.Sql, statement: string): Promise<{ ms: number; messages: number }> {
  const started = performance.now();
  const data = await client.unsafe(statement).readable();
  let messages = 0;
  data.on("data", () => void messages++);
  await finished(data);
  return { ms: performance.now() - started, messages };
}

export async function measureExport(
  owner: OwnerClient,
  handle: DatabaseHandle,
  url: string,
  rounds: number,
): Promise<Figure[]> {
  const floor = floorClient(url);
  try {
    return await measureWith(owner, handle, floor, rounds);
  } finally {
    await floor.end({ timeout: 5 });
  }
}

async function measureWith(
  owner: OwnerClient,
  handle: DatabaseHandle,
  floor: postgres.Sql,
  rounds: number,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dialect = new PgDialect();
  for (const scope of ["team", "all"] as const) {
    const viewer = await viewerNamed(owner, handle, EXPORTERS[scope]);
    const owners =
      scope === "all"
        ? null
        : new Set((await owner<{ id: string }[]>`select id from users where team = ${viewer.team}`).map((r) => r.id));
    const expected = await expectedCount(owner, owners);
    const statement = `copy (${dialect.sqlToQuery(exportLinesSelect(viewer, {}).inlineParams()).sql}) to stdout (format binary)`;
    let detail = "";
    let floorDetail = "";
    const results = await inRounds(rounds, async (round) => {
      progress(`export (in process): ${scope}, ${expected.toLocaleString("en")} rows, round ${round + 1}/${rounds}`);
      let heapPeak = ownHeapMb();
      const heapStart = heapPeak;
      const started = performance.now();
      const [read, rss] = await traceMemory(
        () => {
          heapPeak = Math.max(heapPeak, ownHeapMb());
          return ownRssMb();
        },
        () => readCsv(started, streamChunks(exportSalesCsv(viewer, {})), EXPORT_CAP_MS),
      );
      detail = describeRead(read, expected, (rows) => expectRows(`CSV export (${scope})`, rows, expected));
      const bare = await bareCopy(floor, statement);
      if (bare.messages < expected) throw new Error(`the bare COPY (${scope}) sent ${bare.messages} messages`);
      floorDetail = `the app's COPY statement, ${bare.messages.toLocaleString("en")} messages`;
      return {
        floorRate: expected / (bare.ms / 1000),
        rate: read.rows / (read.totalMs / 1000),
        firstByte: read.firstByteMs,
        firstRow: read.firstRowMs,
        rss: rss.growthMb,
        heap: heapPeak - heapStart,
      };
    });
    const label = `exportSalesCsv, ${scope} (${expected.toLocaleString("en")} rows)`;
    figures.push(
      ...readFigures(
        (measure) => `export.${measure}.${scope}`,
        "export",
        label,
        results,
        detail,
        `export.floor.rate.${scope}`,
      ),
      figure({
        id: `export.floor.rate.${scope}`,
        section: "export",
        label: `floor of ${label}: bare postgres.js COPY, rows/s`,
        unit: "rows/s",
        rounds: results.floorRate ?? [],
        detail: floorDetail,
      }),
      figure({
        id: `export.rss.${scope}`,
        section: "export",
        label: `${label}: RSS growth, peak − start`,
        unit: "MB",
        rounds: results.rss ?? [],
        target: { op: "<=", value: MEMORY_TARGET_MB },
      }),
      figure({
        id: `export.heap.${scope}`,
        section: "export",
        label: `${label}: JS heap growth, peak − start`,
        unit: "MB",
        rounds: results.heap ?? [],
        target: { op: "<=", value: MEMORY_TARGET_MB },
      }),
    );
  }
  return figures;
}
