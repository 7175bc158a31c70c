// How the admin console's forms turn into the RBAC service's inputs: the field names the form
// components render and the server reads, and the shaping of what a browser sends. No rule of the
// model lives here; the service validates what it is given.
import { ACTIONS, RESOURCES, isRowScoped, type Action, type Resource } from "@/lib/rbac/catalog";

/** The matrix checkbox for one (resource, action), e.g. `perm:sale:read`. */
export const permissionField = (resource: Resource, action: Action) => `perm:${resource}:${action}`;

/** The scope select of a row-scoped resource, e.g. `scope:sale`. */
export const scopeField = (resource: Resource) => `scope:${resource}`;

export interface MatrixEntry {
  resource: Resource;
  actions: Action[];
  /** As sent by the form; the service checks it. */
  scope?: string;
}

/** The checked boxes of the permission matrix as permission entries, in catalog order. */
export function permissionsFromForm(fields: Record<string, unknown>): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  for (const resource of RESOURCES) {
    const actions = ACTIONS.filter((action) => fields[permissionField(resource, action)] !== undefined);
    if (actions.length === 0) continue;
    const scope = fields[scopeField(resource)];
    entries.push({
      resource,
      actions,
      ...(isRowScoped(resource) && typeof scope === "string" && scope !== "" ? { scope } : {}),
    });
  }
  return entries;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at `instant` (milliseconds). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a `datetime-local` value (`2026-04-01T09:30`) names on the wall clocks of an IANA
 * time zone, or null when either is malformed. The offset is looked up twice because it can change
 * between the guess and the answer (a daylight saving switch in between).
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0)) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59)
    return null;
  const guess = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(guess, timeZone));
}
