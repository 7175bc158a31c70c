import { z } from "zod";
import { apiRoute, json, noContent, readJson } from "@/lib/http";
import { deleteSale, updateSale } from "@/lib/sales/mutations";
import { getSale } from "@/lib/sales/queries";
import { saleJson } from "@/lib/sales/records";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ viewer, params }) => json(saleJson(await getSale(viewer, params.id))));

export const PATCH = apiRoute<Params>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(saleJson(await updateSale(viewer, params.id, body)));
});

export const DELETE = apiRoute<Params>(async ({ viewer, params }) => {
  await deleteSale(viewer, params.id);
  return noContent();
});
