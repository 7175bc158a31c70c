import { z } from "zod";
import { apiRoute, json, readJson, searchParamsOf } from "@/lib/http";
import { createSale } from "@/lib/sales/mutations";
import { searchSales } from "@/lib/sales/queries";
import { saleJson } from "@/lib/sales/records";
import { withoutBlanks } from "@/lib/sales/schemas";

export const GET = apiRoute(async ({ request, viewer }) => {
  const page = await searchSales(viewer, withoutBlanks(searchParamsOf(request)));
  return json({
    items: page.items.map(saleJson),
    total: page.total,
    page: page.page,
    page_size: page.pageSize,
    next: page.next,
  });
});

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(saleJson(await createSale(viewer, body)), 201);
});
