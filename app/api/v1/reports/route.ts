import { apiRoute, json, readJson, searchParamsOf } from "@/lib/http";
import { createReport, listReports } from "@/lib/reports/reports";
import { z } from "zod";

export const GET = apiRoute(async ({ request, viewer }) => json(await listReports(viewer, searchParamsOf(request))));

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(await createReport(viewer, body), 201);
});
