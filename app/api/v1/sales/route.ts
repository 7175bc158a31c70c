import { apiRoute, json, readJson, searchParamsOf } from "@/lib/http";
import { createSale } from "@/lib/sales/mutations";
import { listSales } from "@/lib/sales/queries";
import { saleJson } from "@/lib/sales/records";
import { createSaleInput, saleListParams, toListQuery, withoutBlanks } from "@/lib/sales/schemas";
import { requireScope } from "@/lib/sales/scope";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute(async ({ request, viewer }) => {
  requireScope(viewer, "list");
  const params = parseInput(saleListParams, withoutBlanks(searchParamsOf(request)), "Invalid query");
  const page = await listSales(viewer, toListQuery(params));
  return json({
    items: page.items.map(saleJson),
    total: page.total,
    page: page.page,
    page_size: page.pageSize,
    next: page.next,
  });
});

export const POST = apiRoute(async ({ request, viewer }) => {
  requireScope(viewer, "create");
  const input = await readJson(request, createSaleInput);
  return json(saleJson(await createSale(viewer, input)), 201);
});
