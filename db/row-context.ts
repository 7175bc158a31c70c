import { createHmac } from "node:crypto";
import { derivedKey } from "@/lib/auth/secret";
import type { RowScopedResource } from "@/lib/rbac/catalog";

/**
 * The viewer context the row level security policies read (migration 0007): identity and scopes,
 * signed with a key derived from AUTH_SECRET. The database keeps the key where the application
 * role cannot read it and checks the signature itself, so SQL run as the application cannot widen
 * a scope or pose as someone else.
 */
export type RowContext = {
  user_id: string;
  team: string;
  /** The viewer's regions, for the `region` scope. */
  regions: readonly string[];
} & Record<RowContextScopeKey, string>;

/**
 * One field per row-scoped resource and policy: `<resource>_read` (read or list), `_create`,
 * `_update`, `_delete`, each the kinds of scope held, comma-separated ("" when not held).
 */
export type RowContextScopeKey = `${RowScopedResource}_${PolicyAction}`;

export const POLICY_ACTIONS = ["read", "create", "update", "delete"] as const;

export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** How long a signed context is accepted, against the database's clock: a bound on replays. */
const LIFETIME_SECONDS = 10 * 60;

const BLOCK = 64;

function contextKey(): Buffer {
  return derivedKey("", "ledgerline row context v1");
}

/** HMAC in hex, a colon, the signed text: the format the database checks. */
export function signedWithKey(payload: string): string {
  return `${createHmac("sha256", contextKey()).update(payload, "utf8").digest("hex")}:${payload}`;
}

/** The value of app.context for `context`, accepted by the database for LIFETIME_SECONDS. */
export function signRowContext(context: RowContext, now = Date.now()): string {
  return signedWithKey(JSON.stringify({ ...context, exp: Math.floor(now / 1000) + LIFETIME_SECONDS }));
}

/** HMAC-SHA-256's inner and outer padded keys (RFC 2104), as the database's check needs them. */
export function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const padded = Buffer.alloc(BLOCK);
  key.copy(padded);
  return {
    inner: Buffer.from(padded.map((byte) => byte ^ 0x36)),
    outer: Buffer.from(padded.map((byte) => byte ^ 0x5c)),
  };
}

/**
 * The statement that stores the key for this AUTH_SECRET. The migrating owner runs it on every
 * start, so a changed secret takes effect with the next deployment.
 */
export function rowContextKeyStatement(): string {
  const { inner, outer } = hmacPads(contextKey());
  // Hex digits only: nothing here can end the literal.
  return `insert into row_context_key (id, inner_pad, outer_pad)
    values (true, '\\x${inner.toString("hex")}', '\\x${outer.toString("hex")}')
    on conflict (id) do update set inner_pad = excluded.inner_pad, outer_pad = excluded.outer_pad, updated_at = now()
    where row_context_key.inner_pad is distinct from excluded.inner_pad`;
}
