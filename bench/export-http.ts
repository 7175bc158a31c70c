// The CSV download over HTTP (GET /api/v1/sales/export) of the widest scope, with the server's
// memory sampled from /proc while it streams.
import { insertToken } from "@/lib/auth/tokens";
import { describeRead, readCsv, readFigures, streamChunks } from "./csv-stream";
import { EXPORT_CAP_MS, MEMORY_TARGET_MB } from "./export";
import type { HttpContext } from "./http";
import { waitForQuiet } from "./load";
import { rssOfTree, traceMemory } from "./memory";
import { EXPORTERS } from "./population";
import { progress } from "./progress";
import type { AppServer } from "./server";
import { expectRows, figure, inRounds, type Figure } from "./stats";
import { expectedCount, userIdOf } from "./viewers";

export async function measureHttpExport(server: AppServer, context: HttpContext): Promise<Figure[]> {
  const userId = await userIdOf(context.owner, EXPORTERS.all);
  const { token } = await insertToken(context.handle.db, userId, { name: "bench export" });
  const expected = await expectedCount(context.owner, null);
  let detail = "";
  const results = await inRounds(context.rounds, async (round) => {
    await waitForQuiet(context.owner);
    progress(`http: CSV export of ${expected.toLocaleString("en")} rows, round ${round + 1}/${context.rounds}`);
    const [read, memory] = await traceMemory(
      () => rssOfTree(server.pid),
      async () => {
        const started = performance.now();
        const response = await fetch(`${server.origin}/api/v1/sales/export`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
        return readCsv(started, streamChunks(response.body), EXPORT_CAP_MS);
      },
    );
    detail = describeRead(read, expected, (rows) => expectRows("CSV export over HTTP", rows, expected));
    return {
      rate: read.rows / (read.totalMs / 1000),
      firstByte: read.firstByteMs,
      firstRow: read.firstRowMs,
      rss: memory.growthMb,
    };
  });
  const label = `GET /api/v1/sales/export, all (${expected.toLocaleString("en")} rows)`;
  return [
    // Compared with the same export read in process (the export section), the cost of HTTP and Next.
    ...readFigures((measure) => `http.export.${measure}`, "http", label, results, detail, "export.rate.all"),
    figure({
      id: "http.export.rss",
      section: "http",
      label: `${label}: server RSS growth, peak − start`,
      unit: "MB",
      rounds: results.rss ?? [],
      target: { op: "<=", value: MEMORY_TARGET_MB },
    }),
  ];
}
