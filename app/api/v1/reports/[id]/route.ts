import { apiRoute, json, noContent, readJson } from "@/lib/http";
import { deleteReport, getReport, updateReport } from "@/lib/reports/reports";
import { z } from "zod";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ viewer, params }) => json(await getReport(viewer, params.id)));

export const PUT = apiRoute<Params>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await updateReport(viewer, params.id, body));
});

export const DELETE = apiRoute<Params>(async ({ viewer, params }) => {
  await deleteReport(viewer, params.id);
  return noContent();
});
