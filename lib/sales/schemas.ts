// Every input the sales feature accepts, once: the REST API, the server actions and the pages all
// parse with these. Field names are the API's (snake_case) so a form's errors land on its fields.
import { z } from "zod";
import { FIRST_DATE, isStorableText, LAST_DATE } from "@/lib/validation";
import { columnsFromParam, columnsToParam, saleColumnsParam, type SaleListColumn } from "./columns";

export const SALE_STATUSES = ["open", "won", "lost"] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const SALE_SORT_COLUMNS = [
  "closed_at",
  "amount",
  "customer",
  "product",
  "region",
  "status",
  "created_at",
  "owner",
] as const;
export type SaleSortColumn = (typeof SALE_SORT_COLUMNS)[number];
export interface SaleSort {
  column: SaleSortColumn;
  descending: boolean;
}

export const DEFAULT_SORT = "-closed_at";
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** numeric(14,2): twelve digits before the point. */
export const MAX_AMOUNT = 999_999_999_999.99;

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30), between 1970 and 2099. */
export const isoDate = z
  .string({ error: "Enter a date (YYYY-MM-DD)" })
  .trim()
  .regex(/^[1-9]\d{3}-\d{2}-\d{2}$/, { message: "Use the format YYYY-MM-DD", abort: true })
  .refine(
    (text) => {
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
    },
    { message: "Not a real calendar date", abort: true },
  )
  .refine((text) => text >= FIRST_DATE && text <= LAST_DATE, "Choose a date between 1970 and 2099");

/** Money in, as a JSON number or a form's text; out as the exact decimal text the column stores. */
export const amountInput = z
  .union([z.number(), z.string().trim().min(1, "Enter an amount")], { error: "Enter an amount" })
  .transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : value.replace(/[\s,]/g, "");
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: "custom", message: "Enter a non-negative amount with at most two decimals" });
      return z.NEVER;
    }
    if (Number(text) > MAX_AMOUNT) {
      ctx.addIssue({ code: "custom", message: "The amount is too large" });
      return z.NEVER;
    }
    return Number(text).toFixed(2);
  });

/** A filter bound on the amount: any non-negative number. */
const amountBound = z.coerce
  .number({ error: "Enter a number" })
  .min(0, "Must be zero or more")
  .max(MAX_AMOUNT, "The amount is too large");

const wholeNumber = z.coerce.number({ error: "Must be a whole number" }).int("Must be a whole number");

/**
 * Empty text in a query string or a form means "not given": drop it before parsing, so the schemas
 * stay plain (and describable in the OpenAPI document).
 */
export function withoutBlanks(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => !(typeof value === "string" && value.trim() === "")),
  );
}

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `At most ${max} characters`);

export const saleStatus = z.enum(SALE_STATUSES, { error: "Choose open, won or lost" });
const ownerId = z.uuid({ error: "Choose an owner" });

export const saleSort = z
  .string()
  .regex(/^-?[a-z_]+$/, "Unknown sort column")
  .transform((value, ctx): SaleSort => {
    const descending = value.startsWith("-");
    const column = descending ? value.slice(1) : value;
    if (!(SALE_SORT_COLUMNS as readonly string[]).includes(column)) {
      ctx.addIssue({ code: "custom", message: `Sort by one of: ${SALE_SORT_COLUMNS.join(", ")}` });
      return z.NEVER;
    }
    return { column: column as SaleSortColumn, descending };
  });

/** The filters a list, a chart or an export narrows the viewer's rows with. They never widen the scope. */
export const saleFilterParams = z.object({
  q: z.string().trim().max(100, "At most 100 characters").optional(),
  region: z.string().trim().max(64, "At most 64 characters").optional(),
  status: saleStatus.optional(),
  owner_id: z.uuid({ error: "Must be a UUID" }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  min_amount: amountBound.optional(),
  max_amount: amountBound.optional(),
});

/** The longest cursor a list hands out: a 200-character customer name, escaped, signed, in base64url. */
const MAX_CURSOR_LENGTH = 2048;

/**
 * A keyset cursor: the page after the row it names. Only its spelling is checked here; whether it is
 * one of ours, for this sort and these filters, is checked where it is opened (lib/sales/cursor.ts).
 */
const cursorParam = z
  .string()
  .max(MAX_CURSOR_LENGTH, "Not a cursor of this list: start from the first page")
  .regex(/^[A-Za-z0-9_-]+$/, "Not a cursor of this list: start from the first page")
  .meta({
    description:
      "The `next` of a previous answer: the page after it, read by key however deep (instead of `page`; both is a 422)",
  });

/** Each list parameter on its own; `saleListParams` adds the rules that relate two of them. */
const saleListFields = saleFilterParams.extend({
  page: wholeNumber.min(1, "Pages start at 1").max(1_000_000, "Too far").optional(),
  page_size: wholeNumber.min(1, "At least 1").max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE}`).optional(),
  sort: saleSort.optional(),
  after: cursorParam.optional(),
});

function checkRelatedFields(params: z.infer<typeof saleListFields>, ctx: z.RefinementCtx) {
  if (params.page !== undefined && params.after !== undefined)
    ctx.addIssue({ code: "custom", path: ["after"], message: "Give either page or after, not both" });
  if (params.from && params.to && params.from > params.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
  if (params.min_amount !== undefined && params.max_amount !== undefined && params.min_amount > params.max_amount)
    ctx.addIssue({ code: "custom", path: ["max_amount"], message: "The maximum is below the minimum" });
}

/**
 * The API's list query: a reversed date range or amount range is a 422 on its second field, and a
 * page asked for both by number and by cursor is a 422 on `after`.
 */
export const saleListParams = saleListFields.superRefine(checkRelatedFields);
export type SaleListParams = z.infer<typeof saleListParams>;

/** How many people one search of the owner filter suggests. */
export const OWNER_SUGGESTIONS = 10;

/** What the owner filter sends as one types: a part of a name or username. */
export const ownerSearchParams = z.strictObject({
  q: z.string().trim().max(100, "At most 100 characters").optional(),
});

/** A view of the list, as a saved report keeps it: the list's query plus the columns it shows. */
export const saleViewParams = saleListFields
  .extend({ cols: saleColumnsParam.optional() })
  .superRefine(checkRelatedFields);
export type SaleViewParams = z.infer<typeof saleViewParams>;

export interface SaleFilters {
  search?: string;
  region?: string;
  status?: SaleStatus;
  ownerId?: string;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
}

export interface SaleListQuery {
  filters: SaleFilters;
  sort: SaleSort;
  page: number;
  pageSize: number;
  /** A keyset cursor (the list's `next`): the page after its row, in place of `page`. */
  after?: string;
  /** The columns the page shows, in the table's order; undefined for all. The rows are the same. */
  columns?: SaleListColumn[];
}

export function toListQuery(params: SaleListParams | SaleViewParams): SaleListQuery {
  return {
    filters: {
      search: params.q,
      region: params.region,
      status: params.status,
      ownerId: params.owner_id,
      from: params.from,
      to: params.to,
      minAmount: params.min_amount,
      maxAmount: params.max_amount,
    },
    sort: params.sort ?? { column: "closed_at", descending: true },
    page: params.page ?? 1,
    pageSize: params.page_size ?? DEFAULT_PAGE_SIZE,
    after: params.after,
    columns: "cols" in params ? params.cols : undefined,
  };
}

/**
 * Reads list parameters from a page's URL, dropping the ones that do not parse: a hand-edited link
 * shows the closest valid view instead of an error page. Two filters that contradict each other are
 * both kept, as the person wrote them: the page says so (`filterContradictions`) and matches nothing.
 * A cursor wins over a page number given with it. Unknown column names are left out of `cols`, which
 * a form may also send repeated. The API uses the strict schema instead.
 */
export function listQueryFromSearchParams(searchParams: Record<string, string | string[] | undefined>): SaleListQuery {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(saleListFields.shape)) {
    const value = searchParams[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "" && isStorableText(first)) raw[key] = first;
  }
  if (raw.after !== undefined) delete raw.page;
  const cols = [searchParams.cols ?? []].flat().filter(isStorableText);
  const columns = columnsFromParam(cols.length > 0 ? cols : undefined);
  for (;;) {
    const result = saleListFields.safeParse(raw);
    if (result.success) return { ...toListQuery(result.data), columns };
    const offending = result.error.issues.map((issue) => String(issue.path[0])).filter((key) => key in raw);
    if (offending.length === 0) return { ...toListQuery({}), columns };
    for (const key of offending) delete raw[key];
  }
}

/** Two filters that each make sense but together match nothing: which pair, and why, in people's words. */
export interface FilterContradiction {
  pair: "amount" | "dates";
  message: string;
}

export function filterContradictions(filters: SaleFilters): FilterContradiction[] {
  const found: FilterContradiction[] = [];
  if (filters.minAmount !== undefined && filters.maxAmount !== undefined && filters.minAmount > filters.maxAmount)
    found.push({
      pair: "amount",
      message: "The minimum amount is above the maximum, so no deal can match. Lower one or raise the other.",
    });
  if (filters.from && filters.to && filters.from > filters.to)
    found.push({
      pair: "dates",
      message: "'Closed from' is after 'Closed to', so no deal can match. Swap the dates or clear one.",
    });
  return found;
}

/** The list's state as URL parameters, defaults left out so links stay short. */
export function listQueryToSearchParams(query: SaleListQuery): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = query;
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") params.set(key, String(value));
  };
  set("q", filters.search);
  set("region", filters.region);
  set("status", filters.status);
  set("owner_id", filters.ownerId);
  set("from", filters.from);
  set("to", filters.to);
  set("min_amount", filters.minAmount);
  set("max_amount", filters.maxAmount);
  const sort = formatSort(query.sort);
  if (sort !== DEFAULT_SORT) params.set("sort", sort);
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set("page_size", String(query.pageSize));
  set("cols", columnsToParam(query.columns));
  if (query.after) params.set("after", query.after);
  else if (query.page !== 1) params.set("page", String(query.page));
  return params;
}

export function formatSort(sort: SaleSort): string {
  return `${sort.descending ? "-" : ""}${sort.column}`;
}

export const createSaleInput = z.strictObject({
  owner_id: ownerId.optional(),
  customer: text("customer", 200),
  product: text("product", 100),
  region: text("region", 64),
  amount: amountInput,
  status: saleStatus.default("open"),
  closed_at: isoDate,
});
export type CreateSaleInput = z.infer<typeof createSaleInput>;

/** PATCH: any subset of the fields. */
export const updateSaleInput = createSaleInput.partial().extend({ status: saleStatus.optional() });
export type UpdateSaleInput = z.infer<typeof updateSaleInput>;

/** A date range over `closed_at`, both ends inclusive and optional. */
export const dateRangeParams = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((range) => !range.from || !range.to || range.from <= range.to, {
    path: ["to"],
    message: "The end date is before the start date",
  });
export type DateRange = z.infer<typeof dateRangeParams>;

/** Clicking a column header: the same column flips direction; a new one starts where a reader expects. */
export function nextSort(current: SaleSort, column: SaleSortColumn): SaleSort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: ["amount", "closed_at", "created_at"].includes(column) };
}

/**
 * The list's URL with some of its state changed; any change but the page itself (by number or by
 * cursor) goes back to page 1.
 */
export function listHref(basePath: string, query: SaleListQuery, change: Partial<SaleListQuery>): string {
  const params = listQueryToSearchParams({ ...query, page: 1, after: undefined, ...change });
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}
