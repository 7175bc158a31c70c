// What the figures were measured on: they mean little without it.
import os from "node:os";
import type { OwnerClient } from "./database";

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  postgres: string;
  /** 1-minute load average when the run started: the box may be shared. */
  loadAverage: number;
  date: string;
}

export async function describeMachine(owner: OwnerClient): Promise<Machine> {
  const [row] = await owner<{ version: string }[]>`select current_setting('server_version') as version`;
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: `PostgreSQL ${row?.version ?? "unknown"}`,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString(),
  };
}
