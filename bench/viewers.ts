// The measured viewers, resolved as the app resolves them, and what each may see, counted
// independently: by the database owner, with a plain count over an explicit owner list.
import type { DatabaseHandle } from "@/db/client";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import type { OwnerClient } from "./database";
import { SCOPE_NAMES, SCOPE_VIEWERS, type ScopeName } from "./population";

export interface ScopedViewer {
  scope: ScopeName;
  viewer: Viewer;
  /** The owners whose rows they may list; null means everyone. */
  owners: ReadonlySet<string> | null;
}

export async function userIdOf(owner: OwnerClient, username: string): Promise<string> {
  const [row] = await owner<{ id: string }[]>`select id from users where username = ${username}`;
  if (!row) throw new Error(`no bench user ${username}: seed the bench database first`);
  return row.id;
}

export async function viewerNamed(owner: OwnerClient, handle: DatabaseHandle, username: string): Promise<Viewer> {
  const viewer = await loadViewerById(handle.db, await userIdOf(owner, username));
  if (!viewer) throw new Error(`bench user ${username} is not active`);
  return viewer;
}

async function ownersOf(owner: OwnerClient, scope: ScopeName, viewer: Viewer): Promise<ReadonlySet<string> | null> {
  if (scope === "all") return null;
  if (scope === "own") return new Set([viewer.id]);
  const rows = await owner<{ id: string }[]>`select id from users where team = ${viewer.team}`;
  return new Set(rows.map((row) => row.id));
}

export async function scopedViewers(owner: OwnerClient, handle: DatabaseHandle): Promise<ScopedViewer[]> {
  const viewers: ScopedViewer[] = [];
  for (const scope of SCOPE_NAMES) {
    const viewer = await viewerNamed(owner, handle, SCOPE_VIEWERS[scope]);
    const held = viewer.scope("sale", "list");
    if (held?.join(",") !== scope)
      throw new Error(`${SCOPE_VIEWERS[scope]} lists sales with scope ${held}, expected ${scope}`);
    viewers.push({ scope, viewer, owners: await ownersOf(owner, scope, viewer) });
  }
  return viewers;
}

export interface DateRange {
  from?: string;
  to?: string;
}

/** How many sales the owners hold within the range: the number every scoped query must match. */
export async function expectedCount(
  owner: OwnerClient,
  owners: ReadonlySet<string> | null,
  range: DateRange = {},
): Promise<number> {
  const [row] = await owner<{ n: number }[]>`
    select count(*)::int as n from sales
    where ${owners ? owner`owner_id = any(${[...owners]}::uuid[])` : owner`true`}
      and ${range.from ? owner`closed_at >= ${range.from}::date` : owner`true`}
      and ${range.to ? owner`closed_at <= ${range.to}::date` : owner`true`}`;
  return row?.n ?? 0;
}

/** Row ids outside the viewer's owners: must always be none. */
export function leakedRows(rows: readonly { ownerId: string }[], owners: ReadonlySet<string> | null): number {
  return owners ? rows.filter((row) => !owners.has(row.ownerId)).length : 0;
}
