// The catalog's maximum grant duration (MAX_GRANT_DAYS), enforced: every path that makes or
// lengthens a direct grant asks here, with the database's clock as `now`.
import { Invalid } from "@/lib/errors";
import { RESOURCE_LABELS, maxGrantDays, type Resource } from "./catalog";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a grant of `resource` ending at `expiresAt` (null: never) is too long, made at `now`; null when it is not. */
export function grantDurationProblem(resource: Resource, expiresAt: Date | null, now: Date): string | null {
  const days = maxGrantDays(resource);
  if (days === null) return null;
  const limit = `${RESOURCE_LABELS[resource]} may be granted for at most ${days} day${days === 1 ? "" : "s"} (${days * 24} hours)`;
  if (expiresAt === null) return `${limit}: choose an expiry`;
  if (expiresAt.getTime() - now.getTime() > days * DAY_MS) return limit;
  return null;
}

/**
 * Refuses (422, naming `field`) a grant of `resource` that would end at `expiresAt` (null: never),
 * when the catalog caps that resource and the grant would outlast the cap counted from `now`.
 */
export function assertGrantDuration(
  resource: Resource,
  expiresAt: Date | null,
  now: Date,
  field: string = "expires_at",
): void {
  const problem = grantDurationProblem(resource, expiresAt, now);
  if (problem) throw new Invalid(problem, [{ field, message: problem }]);
}
