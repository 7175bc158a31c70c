import { z } from "zod";
import { apiRoute, json, noContent, readJson } from "@/lib/http";
import { deleteRole, getRole, updateRole } from "@/lib/rbac/service";

type Params = { role_name: string };

export const GET = apiRoute<Params>(async ({ viewer, params }) => json(await getRole(viewer, params.role_name)));

export const PUT = apiRoute<Params>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await updateRole(viewer, params.role_name, body));
});

export const DELETE = apiRoute<Params>(async ({ viewer, params }) => {
  await deleteRole(viewer, params.role_name);
  return noContent();
});
