// Keyset cursors for the sales list: an opaque base64url token naming the last row of a page (its
// sort key and id) and how many rows came before the next one. It is signed with a key derived from
// AUTH_SECRET over the sort and the filters it was made for, so an edited cursor, or one used with
// another sort or other filters, is refused rather than read as some other position. It is not tied
// to a viewer: it only adds a condition beside the scope, so in anyone else's hands it still reaches
// none of their rows that their scope does not.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { derivedKey } from "@/lib/auth/secret";
import { Invalid } from "@/lib/errors";
import { DEFAULT_PAGE_SIZE, listQueryToSearchParams, type SaleListQuery } from "./schemas";

export interface SaleCursor {
  /** The sort column of the last row shown, as `sortKey` spells it. */
  key: string;
  /** That row's id: the tie-breaker of every sort. */
  id: string;
  /** How many rows came before the page the cursor opens. */
  position: number;
}

const TAG_BYTES = 16;
const payload = z.tuple([z.string(), z.uuid(), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

export const CURSOR_REFUSED =
  "Not a cursor of this list (another sort or other filters, or altered): start from the first page";

function tag(query: SaleListQuery, body: Buffer): Buffer {
  const key = derivedKey("ledgerline", "ledgerline sales cursor v1");
  // The list a cursor belongs to: its sort and filters, spelled as in its address (page, size and
  // columns aside: showing another column keeps the place).
  const list = listQueryToSearchParams({
    ...query,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    after: undefined,
    columns: undefined,
  });
  return createHmac("sha256", key).update(list.toString()).update("\n").update(body).digest().subarray(0, TAG_BYTES);
}

export function encodeCursor(query: SaleListQuery, cursor: SaleCursor): string {
  const body = Buffer.from(JSON.stringify([cursor.key, cursor.id, cursor.position]), "utf8");
  return Buffer.concat([tag(query, body), body]).toString("base64url");
}

/** The query's cursor, or null when it has none or it is not one this list made for its sort and filters. */
export function openCursor(query: SaleListQuery): SaleCursor | null {
  const token = query.after;
  if (!token) return null;
  const bytes = Buffer.from(token, "base64url");
  // Node decodes leniently; only the one spelling this module writes is accepted.
  if (bytes.toString("base64url") !== token || bytes.length <= TAG_BYTES) return null;
  const body = bytes.subarray(TAG_BYTES);
  if (!timingSafeEqual(bytes.subarray(0, TAG_BYTES), tag(query, body))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
  const result = payload.safeParse(parsed);
  if (!result.success) return null;
  const [key, id, position] = result.data;
  return { key, id, position };
}

/** The query's cursor, or a 422 on `after`; null when the query pages by number. */
export function requireCursor(query: SaleListQuery): SaleCursor | null {
  if (query.after === undefined) return null;
  const cursor = openCursor(query);
  if (!cursor) throw new Invalid("Invalid query", [{ field: "after", message: CURSOR_REFUSED }]);
  return cursor;
}
