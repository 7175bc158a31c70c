// Row level security switched off and on again for the same code path: the difference is the
// policies' cost alone. Only ever done to the bench database, between measurements.
import type { OwnerClient } from "./database";

async function policyTables(owner: OwnerClient): Promise<string[]> {
  const rows = await owner<{ table: string }[]>`
    select distinct tablename as "table" from pg_policies where schemaname = 'public' order by 1`;
  return rows.map((row) => row.table);
}

export async function setRowSecurity(owner: OwnerClient, enabled: boolean): Promise<void> {
  for (const table of await policyTables(owner)) {
    await owner.unsafe(`alter table "${table}" ${enabled ? "enable" : "disable"} row level security`);
  }
}

/** Runs `fn` with row level security off, and always switches it back on. */
export async function withoutRowSecurity<T>(owner: OwnerClient, fn: () => Promise<T>): Promise<T> {
  await setRowSecurity(owner, false);
  try {
    return await fn();
  } finally {
    await setRowSecurity(owner, true);
  }
}
