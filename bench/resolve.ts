// Effective permission resolution: loadViewerById (the user and all three layers in one statement,
// then the pure resolvePermissions) for a sample of users.
import { loadViewerById } from "@/lib/auth/principal";
import { ACTIONS, RESOURCES } from "@/lib/rbac/catalog";
import type { CountingHandle } from "./counting";
import { statementsOf } from "./counting";
import type { OwnerClient } from "./database";
import { progress } from "./progress";
import { expectRows, figure, inRounds, percentile, sampleLatencies, type Figure } from "./stats";

interface SampledUser {
  id: string;
  roles: number;
  grants: number;
}

/** Every tenth user, with their role and live-grant counts counted separately. */
async function sampleUsers(owner: OwnerClient): Promise<SampledUser[]> {
  return owner<SampledUser[]>`
    select u.id,
      (select count(*)::int from user_custom_roles r where r.user_id = u.id) as roles,
      (select count(*)::int from direct_permission_grants g
        where g.user_id = u.id and g.is_active and (g.expires_at is null or g.expires_at > now())) as grants
    from users u where u.email like 'u%0@%' order by u.username`;
}

/** Resolves every sampled user once and checks their layers against the independent counts. */
async function checkLayers(handle: CountingHandle, sample: SampledUser[]): Promise<string> {
  let roles = 0;
  let grants = 0;
  for (const user of sample) {
    const viewer = await loadViewerById(handle.db, user.id);
    if (!viewer) throw new Error(`user ${user.id} did not resolve`);
    expectRows(`roles of ${viewer.username}`, viewer.customRoles.length, user.roles);
    const grantIds = new Set<string>();
    for (const resource of RESOURCES)
      for (const action of ACTIONS)
        for (const source of viewer.permissions.sources(resource, action))
          if (source.kind === "grant") grantIds.add(source.grantId);
    expectRows(`live grants of ${viewer.username}`, grantIds.size, user.grants);
    roles += user.roles;
    grants += user.grants;
  }
  return `${sample.length} users, ${roles} role assignments and ${grants} live grants match ✓`;
}

export async function measureResolution(handle: CountingHandle, owner: OwnerClient, rounds: number): Promise<Figure[]> {
  const sample = await sampleUsers(owner);
  const detail = await checkLayers(handle, sample);
  const trips = await statementsOf(handle, () => loadViewerById(handle.db, sample[0]?.id ?? ""));
  const iterations = 1000;
  const results = await inRounds(rounds, async (round) => {
    progress(`resolve: round ${round + 1}/${rounds}`);
    const samples = await sampleLatencies((i) => {
      const user = sample[(i * 37 + round) % sample.length] as SampledUser;
      return loadViewerById(handle.db, user.id);
    }, iterations);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  });
  const label = `loadViewerById, ${sample.length} users`;
  return [
    figure({
      id: "resolve.p50",
      section: "resolve",
      label: `${label}: p50`,
      unit: "ms",
      rounds: results.p50 ?? [],
      target: { op: "<=", value: 0.5 },
      detail,
    }),
    figure({
      id: "resolve.p99",
      section: "resolve",
      label: `${label}: p99`,
      unit: "ms",
      rounds: results.p99 ?? [],
      target: { op: "<=", value: 2 },
    }),
    figure({
      id: "resolve.trips",
      section: "resolve",
      label: "statements per resolution",
      unit: "round trips",
      rounds: Array(rounds).fill(trips),
      target: { op: "<=", value: 1 },
    }),
  ];
}
