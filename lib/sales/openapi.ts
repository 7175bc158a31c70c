// The sales endpoints, described for the OpenAPI document with the schemas the routes validate with.
import { z } from "zod";
import type { ApiModule, ApiOperation } from "@/lib/openapi";
import { salePageSchema, saleJsonSchema } from "./records";
import { createSaleInput, saleListParams, updateSaleInput } from "./schemas";

const SALES = "/api/v1/sales";
const saleIdParam = z.object({ id: z.string().meta({ description: "The sale's UUID; anything else is a 404" }) });
const SCOPE =
  "Rows are limited to the caller's row scope for the action (own, team or all); a row outside it " +
  "answers 404, exactly like a missing row.";

const operations: ApiOperation[] = [
  {
    method: "get",
    path: SALES,
    operationId: "listSales",
    summary: "List sales",
    description:
      "Needs sale:list. Filters only narrow the caller's scope: an owner_id outside it gives an empty page. " +
      "sort is one of closed_at, amount, customer, product, region, status, created_at, owner; prefix - for descending " +
      "(default -closed_at). q searches the customer name. Page by number with page, or by key with after=<next " +
      "of the previous answer>, which costs the same on the last page as on the first; a cursor made for another " +
      "sort or other filters, or altered, is a 422 on after, as is giving page and after together.",
    query: saleListParams,
    success: { status: 200, description: "One page of sales and the total", schema: salePageSchema },
    errors: [403],
  },
  {
    method: "post",
    path: SALES,
    operationId: "createSale",
    summary: "Record a sale",
    description:
      "Needs sale:create. The owner defaults to the caller; another owner must lie in the caller's create " +
      "scope (422 on owner_id otherwise).",
    body: createSaleInput,
    success: { status: 201, description: "The new sale", schema: saleJsonSchema },
    errors: [403],
  },
  {
    method: "get",
    path: `${SALES}/export`,
    operationId: "exportSales",
    summary: "Export sales as CSV",
    description:
      "Needs export:read and sale:list. Streams text/csv (an attachment): a header line, then every row in " +
      "scope matching the list's filters, newest first. Cells a spreadsheet would run as a formula are " +
      "prefixed with a quote.",
    query: saleListParams,
    success: { status: 200, description: "The CSV file (text/csv)" },
    errors: [403],
  },
  {
    method: "get",
    path: `${SALES}/{id}`,
    operationId: "getSale",
    summary: "Get a sale",
    description: `Needs sale:read. ${SCOPE}`,
    pathParams: saleIdParam,
    success: { status: 200, description: "The sale", schema: saleJsonSchema },
    errors: [403, 404],
  },
  {
    method: "patch",
    path: `${SALES}/{id}`,
    operationId: "updateSale",
    summary: "Change a sale",
    description: `Needs sale:update. ${SCOPE} A new owner must lie in the caller's update scope (422 on owner_id).`,
    pathParams: saleIdParam,
    body: updateSaleInput,
    success: { status: 200, description: "The changed sale", schema: saleJsonSchema },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: `${SALES}/{id}`,
    operationId: "deleteSale",
    summary: "Delete a sale",
    description: `Needs sale:delete. ${SCOPE}`,
    pathParams: saleIdParam,
    success: { status: 204, description: "Deleted" },
    errors: [403, 404],
  },
];

export const salesApi: ApiModule = {
  tag: { name: "sales", description: "Sales rows, filtered by the caller's row scope in the app and in the database" },
  components: {
    Sale: saleJsonSchema,
    SalePage: salePageSchema,
    SaleInput: createSaleInput,
    SaleChange: updateSaleInput,
  },
  operations,
};
