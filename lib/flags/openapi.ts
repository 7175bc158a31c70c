// The feature-flag endpoints (additive to seeds/003), described with the schemas the routes validate with.
import type { ApiModule, ApiOperation } from "@/lib/openapi";
import { flagKeyParam, flagList, flagView, updateFlagInput } from "./schemas";

const FLAGS = "/api/v1/feature-flags";

const operations: ApiOperation[] = [
  {
    method: "get",
    path: FLAGS,
    operationId: "listFeatureFlags",
    summary: "List feature flags",
    description: "Needs feature_flag:list. Every flag the product defines, by key, with its state.",
    success: { status: 200, description: "The flags", schema: flagList },
    errors: [403],
  },
  {
    method: "get",
    path: `${FLAGS}/{key}`,
    operationId: "getFeatureFlag",
    summary: "Get a feature flag",
    description: "Needs feature_flag:read.",
    pathParams: flagKeyParam,
    success: { status: 200, description: "The flag", schema: flagView },
    errors: [403, 404],
  },
  {
    method: "patch",
    path: `${FLAGS}/{key}`,
    operationId: "updateFeatureFlag",
    summary: "Switch a feature flag, or limit it to some base roles",
    description:
      "Needs feature_flag:update. A flag only shows or hides a part of the product; it never grants access. " +
      "An empty base_roles list means every base role. The change and its audit row (flag.update, with the " +
      "state before and after) commit together; a change that leaves the flag as it was writes nothing.",
    pathParams: flagKeyParam,
    body: updateFlagInput,
    success: { status: 200, description: "The flag as it now is", schema: flagView },
    errors: [403, 404],
  },
];

export const flagsApi: ApiModule = {
  tag: { name: "feature-flags", description: "Switches for parts of the product, optionally per base role" },
  components: { FeatureFlag: flagView, FeatureFlagList: flagList, UpdateFeatureFlagRequest: updateFlagInput },
  operations,
};
