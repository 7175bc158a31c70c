// A database handle that counts the statements it sends: "one round trip" is checked, not assumed.
// It is the application's own client (db/client.ts), so the bench measures what the app runs.
import { openDatabase, type DatabaseHandle } from "@/db/client";

export interface CountingHandle extends DatabaseHandle {
  /** Statements sent since the handle was opened. */
  statements(): number;
}

export async function countingHandle(url: string, max = 10): Promise<CountingHandle> {
  let sent = 0;
  const handle = await openDatabase({ url, max, onStatement: () => void sent++ });
  return { ...handle, statements: () => sent };
}

/** How many statements `fn` sends through `handle`. */
export async function statementsOf(handle: CountingHandle, fn: () => Promise<unknown>): Promise<number> {
  const before = handle.statements();
  await fn();
  return handle.statements() - before;
}
