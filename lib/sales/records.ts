// How a sale leaves lib/: one record shape for pages, one JSON shape for the API and the CSV export.
import type { InferColumnsDataTypes } from "drizzle-orm";
import { z } from "zod";
import { sales, users } from "@/db/schema";
import { SALE_STATUSES } from "./schemas";

/** The columns a sale is read with; the owner comes from `users` joined on owner_id. */
export const saleColumns = {
  id: sales.id,
  ownerId: sales.ownerId,
  ownerUsername: users.username,
  ownerName: users.name,
  customer: sales.customer,
  product: sales.product,
  region: sales.region,
  amount: sales.amount,
  status: sales.status,
  closedAt: sales.closedAt,
  createdAt: sales.createdAt,
  updatedAt: sales.updatedAt,
};

/** A sale as the driver returns `saleColumns`. */
export type SaleRow = InferColumnsDataTypes<typeof saleColumns>;

/** A sale as pages get it: the amount a number, the moments ISO 8601 strings, the closing day YYYY-MM-DD. */
export type SaleRecord = Omit<SaleRow, "amount" | "createdAt" | "updatedAt"> & {
  amount: number;
  createdAt: string;
  updatedAt: string;
};

export function toRecord(row: SaleRow): SaleRecord {
  return {
    ...row,
    amount: Number(row.amount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The API's item (and the CSV's row): snake_case, amount as a number. Described for the OpenAPI document. */
export const saleJsonSchema = z.object({
  id: z.uuid(),
  owner_id: z.uuid(),
  owner_username: z.string(),
  customer: z.string(),
  product: z.string(),
  region: z.string(),
  amount: z.number().meta({ description: "Decimal with at most two places" }),
  status: z.enum(SALE_STATUSES),
  closed_at: z.iso.date(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type SaleJson = z.infer<typeof saleJsonSchema>;

export const salePageSchema = z.object({
  items: z.array(saleJsonSchema),
  total: z.number().int().meta({ description: "Rows matching the filters within the caller's scope" }),
  page: z
    .number()
    .int()
    .meta({ description: "For an answer to after: the page number its rows were on when the cursor was made" }),
  page_size: z.number().int(),
  next: z.string().nullable().meta({
    description: "The cursor of the next page (pass it as after, with the same sort and filters); null on the last",
  }),
});

export const SALE_JSON_FIELDS = [
  "id",
  "owner_id",
  "owner_username",
  "customer",
  "product",
  "region",
  "amount",
  "status",
  "closed_at",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof SaleJson)[];

export function saleJson(sale: SaleRecord): SaleJson {
  return {
    id: sale.id,
    owner_id: sale.ownerId,
    owner_username: sale.ownerUsername,
    customer: sale.customer,
    product: sale.product,
    region: sale.region,
    amount: sale.amount,
    status: sale.status,
    closed_at: sale.closedAt,
    created_at: sale.createdAt,
    updated_at: sale.updatedAt,
  };
}

/** Any canonical UUID (what PostgreSQL would accept): other ids are simply not found. */
export function isSaleId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
