import "server-only";
// What a proposed RBAC change would do, before anyone makes it: who gains or loses which
// permissions, and how many sales each of them could list before and after. The "after" is the
// product's own resolver fed the proposed layers, and the counts are the sales list's own count
// with the same row scope; nothing is kept (a team move is counted in a savepoint that is rolled
// back), and the guard is the real change's guard.
import { and, eq, gt, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { customRoles, userCustomRoles, users } from "@/db/schema";
import { withViewer, type ScopeSubject } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { BadRequest, Conflict, Forbidden, NotFound } from "@/lib/errors";
import { totalsFromSummaries } from "@/lib/sales/summaries";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { ACTIONS, RESOURCES, isRowScoped, reachCovers } from "./catalog";
import { loadLayersOf, type UserLayers } from "./effective";
import { assertGrantDuration } from "./grant-duration";
import { resolvePermissions, type EffectivePermissions } from "./resolve";
import {
  WHAT_IF_LIST_LIMIT,
  whatIfInput,
  type PermissionChange,
  type WhatIfResult,
  type WhatIfUser,
} from "./what-if-schemas";

type Proposal = ReturnType<typeof whatIfInput.parse>;

/** One user as the change would leave them: what they may do, and where their scopes reach from. */
interface Outcome {
  permissions: EffectivePermissions;
  subject: ScopeSubject;
}

/** The users a change reaches, and what it would make of each. */
interface Hypothesis {
  reached: UserLayers[];
  after(current: UserLayers): Outcome;
  /** People whose permissions stay but whose scopes may reach other rows after the change. */
  bystanders?: UserLayers[];
  /** The part of the change that row scope reads from the tables, made where `after` is counted. */
  apply?(tx: Tx): Promise<void>;
}

function subjectOf(layers: UserLayers, permissions: EffectivePermissions): ScopeSubject {
  return {
    id: layers.user.id,
    team: layers.user.team,
    regions: layers.user.regions,
    scope: (resource, action) => permissions.scope(resource, action),
  };
}

function resolveWith(current: UserLayers, changes: Partial<Parameters<typeof resolvePermissions>[0]>) {
  return resolvePermissions(
    {
      baseRole: current.user.baseRole,
      isSuperuser: current.user.isSuperuser,
      customRoles: current.roles,
      grants: current.grants,
      ...changes,
    },
    current.now,
  );
}

/**
 * Gains and losses of (resource, action, scope): a kind of rows is gained when the new reach has
 * it and the old one did not cover it, and lost the other way round, so `own` → `all` gains
 * `all` and loses nothing.
 */
export function permissionChanges(
  before: EffectivePermissions,
  after: EffectivePermissions,
): { gains: PermissionChange[]; losses: PermissionChange[] } {
  const gains: PermissionChange[] = [];
  const losses: PermissionChange[] = [];
  for (const resource of RESOURCES) {
    for (const action of ACTIONS) {
      const was = before.scope(resource, action);
      const will = after.scope(resource, action);
      if (!isRowScoped(resource)) {
        if (!was && will) gains.push({ resource, action });
        if (was && !will) losses.push({ resource, action });
        continue;
      }
      for (const scope of will ?? []) if (!reachCovers(was, scope)) gains.push({ resource, action, scope });
      for (const scope of was ?? []) if (!reachCovers(will, scope)) losses.push({ resource, action, scope });
    }
  }
  return { gains, losses };
}

const liveAssignment = or(isNull(userCustomRoles.expiresAt), gt(userCustomRoles.expiresAt, sql`now()`));

async function findRole(tx: Tx, name: string) {
  const [role] = await tx
    .select({
      id: customRoles.id,
      name: customRoles.name,
      isSystemRole: customRoles.isSystemRole,
      permissions: customRoles.permissions,
    })
    .from(customRoles)
    .where(eq(customRoles.name, name));
  if (!role) throw new NotFound(`Role "${name}" not found`);
  return role;
}

async function oneUser(tx: Tx, userId: string): Promise<UserLayers> {
  const [layers] = await loadLayersOf(tx, [userId.toLowerCase()], { liveGrants: true });
  if (!layers) throw new NotFound("User not found");
  return layers;
}

/** A role's new permission entries: every live holder of the role, resolved with them. */
async function roleChange(tx: Tx, proposal: Extract<Proposal, { change: "role" }>): Promise<Hypothesis> {
  const role = await findRole(tx, proposal.role_name);
  if (role.isSystemRole) throw new BadRequest(`System role "${role.name}" cannot be modified`);
  const holders = tx
    .select({ id: userCustomRoles.userId })
    .from(userCustomRoles)
    .where(and(eq(userCustomRoles.roleId, role.id), liveAssignment));
  const reached = await loadLayersOf(tx, sql`${holders}`, { liveGrants: true });
  return {
    reached,
    after: (current) => {
      const roles = current.roles.map((held) =>
        held.name === role.name ? { ...held, permissions: proposal.permissions } : held,
      );
      const permissions = resolveWith(current, { customRoles: roles });
      return { permissions, subject: subjectOf(current, permissions) };
    },
  };
}

/** A new direct grant, as grantPermission would store it. */
async function grantChange(tx: Tx, proposal: Extract<Proposal, { change: "grant" }>): Promise<Hypothesis> {
  const expiresAt = proposal.expires_at ? new Date(proposal.expires_at) : null;
  const current = await oneUser(tx, proposal.user_id);
  assertGrantDuration(proposal.resource, expiresAt, current.now);
  const grant = {
    id: "proposed",
    resource: proposal.resource,
    actions: proposal.actions,
    scope: proposal.scope ?? null,
    expiresAt,
    isActive: true,
  };
  return {
    reached: [current],
    after: (layers) => {
      const permissions = resolveWith(layers, { grants: [...layers.grants, grant] });
      return { permissions, subject: subjectOf(layers, permissions) };
    },
  };
}

/** A custom role given to a user, or given again with a new end, as assignRole would store it. */
async function assignmentChange(tx: Tx, proposal: Extract<Proposal, { change: "assignment" }>): Promise<Hypothesis> {
  const current = await oneUser(tx, proposal.user_id);
  const role = await findRole(tx, proposal.role_name);
  if (role.isSystemRole) {
    throw new BadRequest(`"${role.name}" is a system role: change the user's base role instead`);
  }
  const assignment = {
    name: role.name,
    permissions: role.permissions,
    expiresAt: proposal.expires_at ? new Date(proposal.expires_at) : null,
  };
  return {
    reached: [current],
    after: (layers) => {
      const roles = [...layers.roles.filter((held) => held.name !== role.name), assignment];
      const permissions = resolveWith(layers, { customRoles: roles });
      return { permissions, subject: subjectOf(layers, permissions) };
    },
  };
}

/** A user's new base role, team or regions, refused where updateUser would refuse it. */
async function userChange(tx: Tx, viewer: Viewer, proposal: Extract<Proposal, { change: "user" }>) {
  const current = await oneUser(tx, proposal.user_id);
  const { user } = current;
  if (!viewer.isSuperuser && user.isSuperuser) {
    throw new Forbidden("Only a superuser may change a superuser or make one");
  }
  const baseRole = proposal.base_role ?? user.baseRole;
  const team = proposal.team === undefined ? user.team : proposal.team;
  const regions = proposal.regions ?? user.regions;
  if (user.baseRole === "admin" && baseRole !== "admin" && !user.isSuperuser) {
    const [active] = await tx.select({ isActive: users.isActive }).from(users).where(eq(users.id, user.id));
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          ne(users.id, user.id),
          eq(users.isActive, true),
          or(eq(users.baseRole, "admin"), eq(users.isSuperuser, true)),
        ),
      )
      .limit(1);
    if (active?.isActive && !other) throw new Conflict("This change would leave no active admin or superuser");
  }
  const moves = team !== user.team;
  return {
    reached: [current],
    after: (layers: UserLayers): Outcome => {
      const permissions = resolveWith(layers, { baseRole });
      return { permissions, subject: { ...subjectOf(layers, permissions), team, regions } };
    },
    // A team scope reaches whoever is in the team: the old team's holders lose the person's
    // sales and the new team's gain them, unless another scope of theirs reaches those anyway.
    bystanders: moves ? await teamScopeHolders(tx, user.id, [user.team, team]) : [],
    ...(moves && {
      apply: async (scoped: Tx) => {
        await scoped.update(users).set({ team }).where(eq(users.id, user.id));
      },
    }),
  } satisfies Hypothesis;
}

/** Everyone but `except` in `teams` whose sale list reaches through their team. */
async function teamScopeHolders(tx: Tx, except: string, teams: (string | null)[]): Promise<UserLayers[]> {
  const named = teams.filter((team): team is string => team !== null);
  if (named.length === 0) return [];
  const members = tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.team, named), ne(users.id, except)));
  const layers = await loadLayersOf(tx, sql`${members}`, { liveGrants: true });
  return layers.filter((l) => {
    const reach = l.permissions.scope("sale", "list");
    return reach?.includes("team") && !reach.includes("all");
  });
}

/** A subject's listable sales as a scalar subquery: the sales list's own count, zero without access. */
function visibleSales(subject: ScopeSubject): SQL {
  if (!subject.scope("sale", "list")) return sql`0`;
  const totals = totalsFromSummaries(subject, {});
  if (!totals) throw new Error("an unfiltered count always comes from the summaries");
  return sql`(select totals.total from (${totals}) as totals)`;
}

async function countRows(tx: Tx, subjects: ScopeSubject[]): Promise<number[]> {
  if (subjects.length === 0) return [];
  const columns = subjects.map((subject, i) => sql`${visibleSales(subject)} as ${sql.identifier(`c${i}`)}`);
  const [row] = await queryRows<Record<string, number | string>>(tx, sql`select ${sql.join(columns, sql`, `)}`);
  return subjects.map((_, i) => Number(row?.[`c${i}`] ?? 0));
}

class Undone extends Error {}

/**
 * Each pair's sales before and after the change: "after" is counted inside a savepoint where the
 * hypothesis has made what row scope reads from the tables (a team move), then rolled back.
 */
async function countPairs(tx: Tx, hypothesis: Hypothesis, pairs: { before: ScopeSubject; after: ScopeSubject }[]) {
  const subjects = pairs.map((p) => p.after);
  if (!hypothesis.apply) {
    const counts = await countRows(tx, [...pairs.map((p) => p.before), ...subjects]);
    return pairs.map((_, i) => ({ before: counts[i] ?? 0, after: counts[pairs.length + i] ?? 0 }));
  }
  const before = await countRows(
    tx,
    pairs.map((p) => p.before),
  );
  let after: number[] = [];
  if (pairs.length > 0) {
    const apply = hypothesis.apply;
    await tx
      .transaction(async (savepoint) => {
        await apply(savepoint);
        after = await countRows(savepoint, subjects);
        throw new Undone();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Undone)) throw error;
      });
  }
  return pairs.map((_, i) => ({ before: before[i] ?? 0, after: after[i] ?? 0 }));
}

const sameSubject = (a: ScopeSubject, b: ScopeSubject) =>
  a.team === b.team && a.regions.join("\n") === b.regions.join("\n");

/**
 * Who a proposed change would affect, and how: admins only, as the change itself, and refused for
 * the same reasons. Nothing is kept and nothing audited: a team move is made only inside a
 * savepoint, rolled back as soon as the counts are read.
 */
export async function whatIf(viewer: Viewer, input: unknown): Promise<WhatIfResult> {
  requireAdmin(viewer);
  const proposal = parseInput(whatIfInput, input);
  return withViewer(viewer, async (tx) => {
    const hypothesis =
      proposal.change === "role"
        ? await roleChange(tx, proposal)
        : proposal.change === "grant"
          ? await grantChange(tx, proposal)
          : proposal.change === "assignment"
            ? await assignmentChange(tx, proposal)
            : await userChange(tx, viewer, proposal);
    const changed = hypothesis.reached
      .map((current) => {
        const outcome = hypothesis.after(current);
        const before = subjectOf(current, current.permissions);
        return {
          current,
          before,
          after: outcome.subject,
          ...permissionChanges(current.permissions, outcome.permissions),
        };
      })
      .filter((c) => c.gains.length > 0 || c.losses.length > 0 || !sameSubject(c.before, c.after));
    const bystanders = (hypothesis.bystanders ?? []).map((current) => {
      const subject = subjectOf(current, current.permissions);
      return { current, before: subject, after: subject, gains: [], losses: [] };
    });
    const bystanderRows = await countPairs(tx, hypothesis, bystanders);
    const affected = [
      ...changed.map((c) => ({ ...c, rows: undefined })),
      ...bystanders.map((c, i) => ({ ...c, rows: bystanderRows[i] })).filter((c) => c.rows?.before !== c.rows?.after),
    ].sort((a, b) => a.current.user.username.localeCompare(b.current.user.username));
    const listed = affected.slice(0, WHAT_IF_LIST_LIMIT);
    const uncounted = listed.filter((c) => !c.rows);
    const counted = await countPairs(tx, hypothesis, uncounted);
    const rowsOf = new Map(uncounted.map((c, i) => [c, counted[i]]));
    const result: WhatIfUser[] = listed.map((c) => ({
      user_id: c.current.user.id,
      username: c.current.user.username,
      name: c.current.user.name,
      gains: c.gains,
      losses: c.losses,
      rows: c.rows ?? rowsOf.get(c) ?? { before: 0, after: 0 },
    }));
    return {
      change: proposal.change,
      reached: hypothesis.reached.length + bystanders.length,
      total_affected: affected.length,
      users: result,
      truncated: affected.length > listed.length,
    };
  });
}
