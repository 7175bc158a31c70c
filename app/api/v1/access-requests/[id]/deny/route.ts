import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { denyAccessRequest } from "@/lib/rbac/service";

export const POST = apiRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await denyAccessRequest(viewer, params.id, body));
});
