import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { getFlag, updateFlag } from "@/lib/flags/service";

type Params = { key: string };

export const GET = apiRoute<Params>(async ({ viewer, params }) => json(await getFlag(viewer, params.key)));

export const PATCH = apiRoute<Params>(async ({ request, viewer, params }) => {
  const body = await readJson(request, z.unknown());
  return json(await updateFlag(viewer, params.key, body));
});
