import { z } from "zod";
import { apiRoute, json, readJson, searchParamsOf } from "@/lib/http";
import { createRole, listRoles } from "@/lib/rbac/service";

export const GET = apiRoute(async ({ request, viewer }) => json(await listRoles(viewer, searchParamsOf(request))));

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(await createRole(viewer, body), 201);
});
