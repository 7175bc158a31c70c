// The admin console's list state as it sits in the URL (?q=&page=, the audit filters), read
// forgivingly: a hand-edited or stale link shows the nearest sensible page, never an error.
import { z } from "zod";
import { FIRST_DATE, LAST_DATE, storableText } from "@/lib/validation";

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A trimmed text parameter, cut to `max` characters; "" when absent. */
export function textParam(value: string | string[] | undefined, max: number): string {
  return storableText(first(value) ?? "")
    .trim()
    .slice(0, max);
}

/** A 1-based page number; 1 when absent or not one. */
export function pageNumber(value: string | string[] | undefined): number {
  const page = Number(first(value));
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

const uuid = z.uuid();
const day = z.iso.date().refine((date) => date >= FIRST_DATE && date <= LAST_DATE);

export interface AuditFilters {
  actor: string;
  target: string;
  action: string;
  /** Words searched in the actor, the target, the action and the reason. */
  q: string;
  /** Calendar days in UTC (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  page: number;
}

export function auditFilters(params: SearchParams): AuditFilters {
  const actor = textParam(params.actor, 36);
  const from = textParam(params.from, 10);
  const to = textParam(params.to, 10);
  return {
    actor: uuid.safeParse(actor).success ? actor : "",
    target: textParam(params.target, 200),
    action: textParam(params.action, 64),
    q: textParam(params.q, 100),
    from: day.safeParse(from).success ? from : "",
    to: day.safeParse(to).success ? to : "",
    page: pageNumber(params.page),
  };
}

/** The filters as listAudit's query: `to` becomes the start of the following day (exclusive). */
export function auditQueryOf(filters: AuditFilters, pageSize: number) {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    page: filters.page,
    page_size: pageSize,
    ...(filters.actor ? { actor_id: filters.actor } : {}),
    ...(filters.target ? { target_id: filters.target } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
    ...(filters.to ? { to: nextDay(filters.to) } : {}),
  };
}

/** The filters that are set, for links that keep them (pagination). */
export function auditSearchParams(filters: AuditFilters): Record<string, string> {
  const { page: _page, ...rest } = filters;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ""));
}
