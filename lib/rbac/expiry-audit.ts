// Expiries as audit entries. A grant or a role assignment that reaches its expires_at stops counting
// on its own (judged on the database clock) without anyone changing it, so no change writes its
// audit row. This sweep writes it: one "grant.expired" or "role.assignment_expired" row per item and
// end time, dated at that end. It runs where the record would otherwise be lost or missed: before
// every read of the audit log, and inside every change that deletes or overwrites a lapsed item
// (revoke, re-assign, role deletion). The unique index audit_log_expired_once makes it idempotent:
// concurrent sweeps insert in one order (end time, then id) and all but the first do nothing.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";

/** Which lapsed items a sweep records: all of them, or those a change is about to remove. */
export type ExpirySweep = { all: true } | { userId: string } | { roleId: string } | { grantId: string };

/** An instant as JavaScript's toISOString writes it (UTC, milliseconds), so snapshots read alike. */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function grantFilter(sweep: ExpirySweep): SQL {
  if ("userId" in sweep) return sql`and g.user_id = ${sweep.userId}`;
  if ("grantId" in sweep) return sql`and g.id = ${sweep.grantId}`;
  if ("roleId" in sweep) return sql`and false`;
  return sql``;
}

function assignmentFilter(sweep: ExpirySweep): SQL {
  if ("userId" in sweep) return sql`and a.user_id = ${sweep.userId}`;
  if ("roleId" in sweep) return sql`and a.role_id = ${sweep.roleId}`;
  if ("grantId" in sweep) return sql`and false`;
  return sql``;
}

/**
 * Writes the "expired" audit row of every lapsed, not yet recorded grant and assignment the sweep
 * covers. No actor: nobody made the change, the clock did. A deactivated
 * grant changes nothing when it lapses and is left out.
 */
export async function recordExpiries(tx: Tx, sweep: ExpirySweep = { all: true }): Promise<void> {
  const grantEnd = iso(sql`g.expires_at`);
  await tx.execute(sql`
    insert into audit_log (action, target_type, target_id, target_label, before, after, created_at)
    select 'grant.expired', 'user', u.id::text, u.username,
      jsonb_build_object('id', g.id::text, 'resource', g.resource, 'actions', g.actions, 'scope', g.scope,
        'expires_at', ${grantEnd}),
      null, g.expires_at
    from direct_permission_grants g join users u on u.id = g.user_id
    where g.expires_at <= now() and g.is_active ${grantFilter(sweep)}
      and not exists (select 1 from audit_log e where e.action = 'grant.expired'
        and e.before ->> 'id' = g.id::text and e.before ->> 'expires_at' = ${grantEnd})
    order by g.expires_at, g.id
    on conflict do nothing`);
  const assignmentEnd = iso(sql`a.expires_at`);
  await tx.execute(sql`
    insert into audit_log (action, target_type, target_id, target_label, before, after, created_at)
    select 'role.assignment_expired', 'user', u.id::text, u.username,
      jsonb_build_object('id', a.id::text, 'role', r.name, 'expires_at', ${assignmentEnd}),
      null, a.expires_at
    from user_custom_roles a join custom_roles r on r.id = a.role_id join users u on u.id = a.user_id
    where a.expires_at <= now() ${assignmentFilter(sweep)}
      and not exists (select 1 from audit_log e where e.action = 'role.assignment_expired'
        and e.before ->> 'id' = a.id::text and e.before ->> 'expires_at' = ${assignmentEnd})
    order by a.expires_at, a.id
    on conflict do nothing`);
}
