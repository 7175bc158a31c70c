import { apiRoute, json, noContent, readJson } from "@/lib/http";
import { deleteSale, updateSale } from "@/lib/sales/mutations";
import { getSale } from "@/lib/sales/queries";
import { saleJson } from "@/lib/sales/records";
import { updateSaleInput } from "@/lib/sales/schemas";
import { requireScope } from "@/lib/sales/scope";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ viewer, params }) => json(saleJson(await getSale(viewer, params.id))));

export const PATCH = apiRoute<Params>(async ({ request, viewer, params }) => {
  requireScope(viewer, "update");
  const input = await readJson(request, updateSaleInput);
  return json(saleJson(await updateSale(viewer, params.id, input)));
});

export const DELETE = apiRoute<Params>(async ({ viewer, params }) => {
  await deleteSale(viewer, params.id);
  return noContent();
});
