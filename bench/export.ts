// CSV export through lib/sales (exportSalesCsv, the stream the download route returns), read to the
// end in this process: rows per second, time to the first byte and first row, and memory while it runs.
import type { DatabaseHandle } from "@/db/client";
import { exportSalesCsv } from "@/lib/sales/export";
import { describeRead, readCsv, readFigures, streamChunks } from "./csv-stream";
import type { OwnerClient } from "./database";
import { ownHeapMb, ownRssMb, traceMemory } from "./memory";
import { EXPORTERS } from "./population";
import { progress } from "./progress";
import { expectRows, figure, inRounds, type Figure } from "./stats";
import { expectedCount, viewerNamed } from "./viewers";

/** "Flat": what the export holds at once does not grow with the rows it sends. */
export const MEMORY_TARGET_MB = 64;
/** One export round stops here: at the target rate a million rows take 5 s. */
export const EXPORT_CAP_MS = 30_000;

export async function measureExport(owner: OwnerClient, handle: DatabaseHandle, rounds: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const scope of ["team", "all"] as const) {
    const viewer = await viewerNamed(owner, handle, EXPORTERS[scope]);
    const owners =
      scope === "all"
        ? null
        : new Set((await owner<{ id: string }[]>`select id from users where team = ${viewer.team}`).map((r) => r.id));
    const expected = await expectedCount(owner, owners);
    let detail = "";
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
      return {
        rate: read.rows / (read.totalMs / 1000),
        firstByte: read.firstByteMs,
        firstRow: read.firstRowMs,
        rss: rss.growthMb,
        heap: heapPeak - heapStart,
      };
    });
    const label = `exportSalesCsv, ${scope} (${expected.toLocaleString("en")} rows)`;
    figures.push(
      ...readFigures((measure) => `export.${measure}.${scope}`, "export", label, results, detail),
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
