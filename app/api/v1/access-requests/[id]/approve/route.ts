import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { approveAccessRequest } from "@/lib/rbac/service";

export const POST = apiRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await approveAccessRequest(viewer, params.id, body ?? {}));
});
