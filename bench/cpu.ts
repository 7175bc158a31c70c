// CPU time spent by processes, read from /proc (Linux): the app server's process tree and the
// PostgreSQL backends serving the app's connections. Per request, it is a steadier figure than
// requests/s on a shared machine: another job slows a run down but does not add to its CPU time.
import { readFileSync } from "node:fs";
import type { OwnerClient } from "./database";
import { APP_NAME } from "./load";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build in use). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU of one process so far, in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: the fields after it start past its closing ")".
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The process and its descendants (`next start` serves from a child of the CLI). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Gone, or no children.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** The backends of the app's pool connections on the bench database. */
async function appBackends(owner: OwnerClient): Promise<number[]> {
  const rows = await owner<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and application_name = ${APP_NAME}`;
  return rows.map((row) => row.pid);
}

export interface CpuSample {
  server: Map<number, number>;
  database: Map<number, number>;
}

export async function sampleCpu(owner: OwnerClient, serverPid: number): Promise<CpuSample> {
  const read = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMs(pid)]));
  return { server: read(processTree(serverPid)), database: read(await appBackends(owner)) };
}

/** CPU ms between two samples: a process that appeared in between counts from its start. */
export function cpuBetween(before: CpuSample, after: CpuSample): { server: number; database: number } {
  const spent = (from: Map<number, number>, to: Map<number, number>) =>
    [...to].reduce((sum, [pid, ms]) => sum + ms - (from.get(pid) ?? 0), 0);
  return { server: spent(before.server, after.server), database: spent(before.database, after.database) };
}
