import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { grantPermission } from "@/lib/rbac/service";

export const POST = apiRoute<{ user_id: string }>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await grantPermission(viewer, params.user_id, body), 201);
});
