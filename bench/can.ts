// can() after resolution against node-casbin's enforce on the same RBAC model: roles holding
// (resource, action) pairs, users holding roles. Both must give the same answer for every check.
import { newEnforcer, newModelFromString, StringAdapter, type Enforcer } from "casbin";
import { prng } from "@/db/seed";
import {
  ACTIONS,
  BASE_ROLE_PERMISSIONS,
  RESOURCES,
  type Action,
  type PermissionEntry,
  type Resource,
} from "@/lib/rbac/catalog";
import { resolvePermissions, type EffectivePermissions } from "@/lib/rbac/resolve";
import { progress } from "./progress";
import { figure, inRounds, type Figure } from "./stats";

const CASBIN_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.obj == p.obj && r.act == p.act && g(r.sub, p.sub)
`;

const PAIRS: [Resource, Action][] = RESOURCES.flatMap((resource) =>
  ACTIONS.map((action): [Resource, Action] => [resource, action]),
);
const PAIRS_PER_ROLE = 10;
/** The measured user holds the viewer base role and these two custom roles. */
const MEASURED_USER = "user-0";
const MEASURED_ROLES = ["role-1", "role-2"];

interface RbacModel {
  roles: Map<string, [Resource, Action][]>;
  lines: string[];
}

/** A model of exactly `lineCount` policy lines: the viewer base role, custom roles, and users holding them. */
function buildModel(lineCount: number): RbacModel {
  const random = prng(lineCount);
  const roles = new Map<string, [Resource, Action][]>();
  roles.set(
    "base-viewer",
    BASE_ROLE_PERMISSIONS.viewer.flatMap((e) => e.actions.map((a): [Resource, Action] => [e.resource, a])),
  );
  const roleCount = Math.floor(lineCount / (PAIRS_PER_ROLE + 1));
  for (let i = 1; i < roleCount; i++) {
    const pairs = [...PAIRS].sort(() => random() - 0.5).slice(0, PAIRS_PER_ROLE);
    roles.set(`role-${i}`, pairs);
  }
  const lines = [...roles].flatMap(([role, pairs]) =>
    pairs.map(([resource, action]) => `p, ${role}, ${resource}, ${action}`),
  );
  lines.push(`g, ${MEASURED_USER}, base-viewer`, ...MEASURED_ROLES.map((role) => `g, ${MEASURED_USER}, ${role}`));
  for (let user = 1; lines.length < lineCount; user++)
    lines.push(`g, user-${user}, role-${1 + (user % (roleCount - 1))}`);
  return { roles, lines };
}

function ourPermissions(model: RbacModel): EffectivePermissions {
  const customRoles = MEASURED_ROLES.map((name) => ({
    name,
    permissions: (model.roles.get(name) ?? []).map(([resource, action]): PermissionEntry => ({
      resource,
      actions: [action],
    })),
  }));
  return resolvePermissions({ baseRole: "viewer", isSuperuser: false, customRoles, grants: [] }, new Date());
}

async function casbinEnforcer(model: RbacModel): Promise<Enforcer> {
  return newEnforcer(newModelFromString(CASBIN_MODEL), new StringAdapter(model.lines.join("\n")));
}

async function checkAgreement(permissions: EffectivePermissions, enforcer: Enforcer): Promise<string> {
  let allowed = 0;
  for (const [resource, action] of PAIRS) {
    const ours = permissions.can(resource, action);
    if (ours !== (await enforcer.enforce(MEASURED_USER, resource, action)))
      throw new Error(`can() and casbin disagree on ${resource}:${action}`);
    if (ours) allowed++;
  }
  return `both allow the same ${allowed} of ${PAIRS.length} checks ✓`;
}

function canPerSecond(permissions: EffectivePermissions): number {
  const checks = 5_000_000;
  let allowed = 0;
  const started = performance.now();
  for (let i = 0; i < checks; i++) {
    const pair = PAIRS[i % PAIRS.length] as [Resource, Action];
    if (permissions.can(pair[0], pair[1])) allowed++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (allowed === 0) throw new Error("can() allowed nothing");
  return checks / seconds;
}

async function enforcePerSecond(enforcer: Enforcer, budgetMs: number): Promise<number> {
  let checks = 0;
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    for (const [resource, action] of PAIRS) await enforcer.enforce(MEASURED_USER, resource, action);
    checks += PAIRS.length;
  }
  return checks / ((performance.now() - started) / 1000);
}

export async function measureCan(rounds: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const sizes = [1_100, 11_000];
  for (const size of sizes) {
    const model = buildModel(size);
    const permissions = ourPermissions(model);
    const enforcer = await casbinEnforcer(model);
    const detail = await checkAgreement(permissions, enforcer);
    const results = await inRounds(rounds, async (round) => {
      progress(`can: ${size} lines, round ${round + 1}/${rounds}`);
      const ours = canPerSecond(permissions);
      const theirs = await enforcePerSecond(enforcer, 1_000);
      return { ours, theirs, ratio: ours / theirs };
    });
    const name = `${size.toLocaleString("en")} policy lines`;
    figures.push(
      figure({
        id: `can.ours.${size}`,
        section: "can",
        label: `can() after resolution, ${name}`,
        unit: "checks/s",
        rounds: results.ours ?? [],
        target: { op: ">=", value: 5_000_000 },
        detail,
      }),
      figure({
        id: `can.casbin.${size}`,
        section: "can",
        label: `casbin enforce(), ${name}`,
        unit: "checks/s",
        rounds: results.theirs ?? [],
      }),
      figure({
        id: `can.ratio.${size}`,
        section: "can",
        label: `can() ÷ casbin enforce(), ${name}`,
        unit: "×",
        rounds: results.ratio ?? [],
        target: { op: ">=", value: 100 },
      }),
    );
  }
  return figures;
}
