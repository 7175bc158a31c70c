// An audit entry told as a sentence in people's words ("admin granted alice export: read (all)
// until Dec 4, 2026, 10:00 AM UTC"), and its before/after as the fields that changed. Pure: the page
// renders the parts (times in the viewer's zone), the CSV export joins them (times in UTC).
import { audienceWords } from "@/lib/flags/schemas";
import { formatDateTime } from "@/lib/format";
import { RESOURCE_LABELS, isResource, permissionLabel } from "./catalog";
import type { AuditEntryView } from "./schemas";

/** Text, or a moment the reader should see in their own time zone. */
export type SentencePart = string | { time: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** "export: read, list (all)" */
function permissionWords(grant: Json): string {
  return permissionLabel(text(grant.resource) ?? "?", strings(grant.actions), text(grant.scope));
}

function grantParts(grant: Json): SentencePart[] {
  const expiry = text(grant.expires_at);
  return [permissionWords(grant), ...(expiry ? [" until ", { time: expiry }] : [" with no expiry"])];
}

/** "Exports: read for 48 hours" */
function requestParts(request: unknown): SentencePart[] {
  if (!isRecord(request)) return ["a permission"];
  const hours = typeof request.duration_hours === "number" ? request.duration_hours : null;
  return [`${permissionWords(request)}${hours === null ? "" : ` for ${plural(hours, "hour", "hours")}`}`];
}

/** The items added to and removed from a list field between two snapshots. */
function listChange(before: unknown, after: unknown, field: string) {
  const was = isRecord(before) ? strings(before[field]) : [];
  const now = isRecord(after) ? strings(after[field]) : [];
  return { added: now.filter((item) => !was.includes(item)), removed: was.filter((item) => !now.includes(item)) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function userUpdateWords(entry: AuditEntryView, actor: string, target: string): SentencePart[] {
  const changes = changedFields(entry.before, entry.after).filter((change) => change.field !== "sessions_ended");
  const words = changes.map(({ field, after }) => {
    if (field === "is_active") return after === true ? "reactivated the account" : "deactivated the account";
    if (field === "is_superuser") return after === true ? "made them a superuser" : "removed superuser";
    if (field === "base_role") return `set the base role to ${String(after)}`;
    if (field === "team") return after ? `moved them to team ${String(after)}` : "removed them from their team";
    return `changed ${field}`;
  });
  const ended = isRecord(entry.after) && entry.after.sessions_ended === true ? " (their sessions were ended)" : "";
  return [`${actor} updated ${target}: ${words.join(", ") || "no change"}${ended}`];
}

function flagUpdateWords(entry: AuditEntryView, actor: string, target: string): SentencePart[] {
  const was = isRecord(entry.before) ? entry.before : {};
  const now = isRecord(entry.after) ? entry.after : {};
  const roles = strings(now.base_roles);
  if (now.enabled === false && was.enabled !== false) return [`${actor} turned off ${target}`];
  if (now.enabled === true && was.enabled !== true) return [`${actor} turned on ${target} for ${audienceWords(roles)}`];
  if (roles.length === 0) return [`${actor} opened ${target} to everyone`];
  return [`${actor} limited ${target} to ${audienceWords(roles)}`];
}

/** The entry as a sentence whose subject is the actor. */
export function auditSentence(entry: AuditEntryView): SentencePart[] {
  const actor = entry.actor_username ?? "Someone";
  const target = entry.target_label ?? entry.target_id ?? "an unknown target";
  const { before, after } = entry;
  switch (entry.action) {
    case "grant.create":
      return isRecord(after)
        ? [`${actor} granted ${target} `, ...grantParts(after)]
        : [`${actor} granted ${target} a permission`];
    case "grant.revoke": {
      const grants = isRecord(before) && Array.isArray(before.grants) ? before.grants.filter(isRecord) : [];
      if (grants.length === 0) return [`${actor} revoked a grant of ${target}`];
      return [`${actor} revoked ${target}'s grant of ${grants.map(permissionWords).join("; ")}`];
    }
    case "grant.expired":
      // Nobody acted: the grant reached its end (the entry's time).
      return isRecord(before)
        ? [`${target}'s grant of ${permissionWords(before)} expired`]
        : [`A grant of ${target} expired`];
    case "grant.extend": {
      const expiry = isRecord(after) ? text(after.expires_at) : null;
      const grant = isRecord(after) ? ` of ${permissionWords(after)}` : "";
      return [`${actor} extended ${target}'s grant${grant}`, ...(expiry ? [" until ", { time: expiry }] : [])];
    }
    case "role.assignment_expired": {
      const role = isRecord(before) ? text(before.role) : null;
      return [`${target}'s role ${role ?? "?"} expired`];
    }
    case "role.assignment_extend": {
      const role = (isRecord(after) && text(after.role)) || "?";
      const expiry = isRecord(after) ? text(after.expires_at) : null;
      return [`${actor} extended ${target}'s role ${role}`, ...(expiry ? [" until ", { time: expiry }] : [])];
    }
    case "role.assign": {
      const { added } = listChange(before, after, "custom_roles");
      const role = added.join(", ") || (isRecord(after) && text(after.role)) || "?";
      const expiry = isRecord(after) ? text(after.expires_at) : null;
      const renewed = added.length === 0 ? " again" : "";
      return [
        `${actor} assigned the role ${role} to ${target}${renewed}`,
        ...(expiry ? [" until ", { time: expiry }] : isRecord(after) && "expires_at" in after ? [" with no end"] : []),
      ];
    }
    case "role.revoke": {
      const { removed } = listChange(before, after, "custom_roles");
      return [`${actor} removed the role ${removed.join(", ") || "?"} from ${target}`];
    }
    case "role.create":
      return [`${actor} created the role ${target}`];
    case "role.update":
      return [`${actor} changed the role ${target}`];
    case "role.delete": {
      const holders = isRecord(before) ? strings(before.assigned_users) : [];
      return [`${actor} deleted the role ${target}${holders.length > 0 ? ` (held by ${holders.join(", ")})` : ""}`];
    }
    case "user.update":
      return userUpdateWords(entry, actor, target);
    case "user.view_as":
      return [`${actor} viewed the dashboard as ${target}`];
    case "user.sessions_end": {
      const n = isRecord(after) && typeof after.sessions_ended === "number" ? after.sessions_ended : 0;
      return [`${actor} ended ${target}'s sessions (${plural(n, "session", "sessions")})`];
    }
    case "user.password_change": {
      const n = isRecord(after) && typeof after.other_sessions_ended === "number" ? after.other_sessions_ended : 0;
      return [
        `${actor} changed their password${n > 0 ? ` and ended ${plural(n, "other session", "other sessions")}` : ""}`,
      ];
    }
    case "mfa.enable":
      return [`${actor} turned on two-factor sign-in`];
    case "mfa.disable":
      return [`${actor} turned off two-factor sign-in`];
    case "mfa.reset":
      return [`${actor} reset ${target}'s two-factor sign-in`];
    case "mfa.recovery_codes":
      return [`${actor} made new recovery codes for ${entry.actor_id === entry.target_id ? "their account" : target}`];
    case "token.create": {
      const expiry = isRecord(after) ? text(after.expires_at) : null;
      return [
        `${actor} created the API token ${target}`,
        ...(expiry ? [" expiring ", { time: expiry }] : [" with no expiry"]),
      ];
    }
    case "token.revoke":
      return [`${actor} revoked the API token ${target}`];
    case "sale.create":
      return [`${actor} created a sale to ${target}`];
    case "sale.update":
      return [`${actor} edited the sale to ${target}`];
    case "sale.delete":
      return [`${actor} deleted the sale to ${target}`];
    case "report.create":
      return [`${actor} saved the report ${target}`];
    case "report.update":
      return [`${actor} changed the report ${target}`];
    case "report.delete":
      return [`${actor} deleted the report ${target}`];
    case "flag.update":
      return flagUpdateWords(entry, actor, target);
    case "access_request.create":
      return [`${actor} asked for `, ...requestParts(after)];
    case "access_request.approve": {
      const grant = isRecord(after) && isRecord(after.grant) ? after.grant : null;
      return grant
        ? [`${actor} approved ${target}'s request: granted `, ...grantParts(grant)]
        : [`${actor} approved ${target}'s request for `, ...requestParts(after)];
    }
    case "access_request.deny":
      return [`${actor} denied ${target}'s request for `, ...requestParts(after)];
    default:
      return [`${actor} did ${entry.action} on ${target}`];
  }
}

/** The sentence as plain text, moments in UTC (for the CSV export and tests). */
export function auditSentenceText(entry: AuditEntryView): string {
  return auditSentence(entry)
    .map((part) => (typeof part === "string" ? part : formatDateTime(part.time)))
    .join("");
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping a reader of the log does not need: ids and times the row itself already shows. */
const UNTOLD_FIELDS = new Set([
  "id",
  "created_at",
  "updated_at",
  "granted_by_id",
  "user_count",
  "is_system_role",
  "owner_id",
]);

/**
 * The fields that differ between two snapshots, one level into nested records (a role's
 * permissions by resource), so a diff names what changed rather than a whole blob.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((field) => !UNTOLD_FIELDS.has(field));
  return fields.flatMap((field): FieldChange[] => {
    const [a, b] = [was[field], now[field]];
    if (JSON.stringify(a) === JSON.stringify(b) || ((a ?? null) === null && (b ?? null) === null)) return [];
    if (field === "permissions" && (Array.isArray(a) || Array.isArray(b))) {
      return permissionChanges(Array.isArray(a) ? a : [], Array.isArray(b) ? b : []);
    }
    // A flag's limit: an empty list is no limit at all, not "none".
    if (field === "base_roles") return [{ field, before: audienceWords(strings(a)), after: audienceWords(strings(b)) }];
    return [{ field, before: a, after: b }];
  });
}

/** A role's permission list compared resource by resource. */
function permissionChanges(before: unknown[], after: unknown[]): FieldChange[] {
  const byResource = (entries: unknown[]) =>
    new Map(entries.filter(isRecord).map((entry) => [text(entry.resource) ?? "?", entry] as const));
  const [was, now] = [byResource(before), byResource(after)];
  const resources = [...new Set([...was.keys(), ...now.keys()])];
  return resources.flatMap((resource) => {
    const [a, b] = [was.get(resource), now.get(resource)];
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    const name = isResource(resource) ? RESOURCE_LABELS[resource] : resource;
    const words = (entry: Json | undefined) => (entry ? permissionWords(entry).slice(name.length + 2) : undefined);
    return [{ field: name, before: words(a), after: words(b) }];
  });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A snapshot value in words: lists joined, moments as dates (UTC), nothing as a dash. */
export function valueWords(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string" && INSTANT.test(value)) return formatDateTime(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(", ") || "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}
