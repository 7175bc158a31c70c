import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { extendExpiry } from "@/lib/rbac/service";

export const PATCH = apiRoute<{ grant_id: string }>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await extendExpiry(viewer, "grant", params.grant_id, body));
});
