// One autocannon run: 16 connections against one URL, failing loudly on any non-2xx or error.
import autocannon from "autocannon";
import type { OwnerClient } from "./database";

/** The application_name the app's connections carry (db/client.ts). */
export const APP_NAME = "sales-dashboard";

export const CONNECTIONS = 16;

export interface LoadResult {
  /** Answers received (all 2xx: anything else fails the run). */
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  meanLatency: number;
}

/**
 * Waits until the app has no statement running: requests still in flight when a run ends keep the
 * server busy, and would otherwise slow down the next run.
 */
export async function waitForQuiet(owner: OwnerClient, capMs = 60_000): Promise<void> {
  const deadline = Date.now() + capMs;
  while (Date.now() < deadline) {
    const [row] = await owner<{ busy: number }[]>`
      select count(*)::int as busy from pg_stat_activity
      where datname = current_database() and application_name = ${APP_NAME} and state = 'active'`;
    if (!row?.busy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function load(
  owner: OwnerClient,
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<LoadResult> {
  await waitForQuiet(owner);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, timeout: 30 });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`,
    );
  }
  // No answer within the run leaves an empty latency histogram: no figure, rather than 0 ms.
  const answered = result["2xx"] > 0;
  return {
    requests: result["2xx"],
    requestsPerSecond: result["2xx"] / result.duration,
    p50: answered ? result.latency.p50 : Number.NaN,
    p99: answered ? result.latency.p99 : Number.NaN,
    meanLatency: answered ? result.latency.average : Number.NaN,
  };
}
