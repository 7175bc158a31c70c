import { z } from "zod";
import { apiRoute, json, readJson, searchParamsOf } from "@/lib/http";
import { listRolesQuery } from "@/lib/rbac/schemas";
import { createRole, listRoles } from "@/lib/rbac/service";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute(async ({ request, viewer }) => {
  const { include_system } = parseInput(listRolesQuery, searchParamsOf(request), "Invalid query");
  return json(await listRoles(viewer, { includeSystem: include_system }));
});

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(await createRole(viewer, body), 201);
});
