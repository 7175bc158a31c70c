import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { whatIf } from "@/lib/rbac/service";

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(await whatIf(viewer, body));
});
