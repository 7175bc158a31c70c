// The what-if preview of a role change when the role is held by every bench user: all holders'
// layers loaded and resolved twice, the affected listed, and the first 50 counted before and after.
import { loadavg } from "node:os";
import type { CountingHandle } from "./counting";
import { statementsOf } from "./counting";
import type { OwnerClient } from "./database";
import { PARTS, POPULATION, benchUsername } from "./population";
import { progress } from "./progress";
import { expectRows, figure, inRounds, percentile, sampleLatencies, type Figure } from "./stats";
import { viewerNamed } from "./viewers";
import { whatIf } from "@/lib/rbac/what-if";

const ROLE = "bench-what-if";

/** A custom role held by every bench user, made for this section and removed after it. */
async function roleHeldByEveryone(owner: OwnerClient): Promise<void> {
  await owner`delete from custom_roles where name = ${ROLE}`;
  await owner`insert into custom_roles (name, description, permissions)
    values (${ROLE}, 'held by every bench user', ${owner.json([{ resource: "report", actions: ["read"] }])})`;
  await owner`insert into user_custom_roles (user_id, role_id)
    select u.id, r.id from users u, custom_roles r where r.name = ${ROLE}`;
}

export async function measureWhatIf(handle: CountingHandle, owner: OwnerClient, rounds: number): Promise<Figure[]> {
  await roleHeldByEveryone(owner);
  try {
    const admin = await viewerNamed(owner, handle, benchUsername(PARTS.admin));
    const proposal = {
      change: "role",
      role_name: ROLE,
      permissions: [{ resource: "sale", actions: ["list", "read"], scope: "team" }],
    };
    const answer = await whatIf(admin, proposal);
    const detail =
      `${expectRows("holders reached", answer.reached, POPULATION.users)}; ` +
      `${answer.total_affected} affected, ${answer.users.length} listed and counted; ` +
      `load average ${loadavg()[0]?.toFixed(1)} at the start`;
    const trips = await statementsOf(handle, () => whatIf(admin, proposal));
    const results = await inRounds(rounds, async (round) => {
      progress(`what-if: round ${round + 1}/${rounds}`);
      const samples = await sampleLatencies(() => whatIf(admin, proposal), 10, 1);
      return { p50: percentile(samples, 50) };
    });
    return [
      figure({
        id: "whatif.p50",
        section: "whatif",
        label: `what-if of a role held by ${POPULATION.users.toLocaleString("en-US")} users: p50`,
        unit: "ms",
        rounds: results.p50 ?? [],
        target: { op: "<=", value: 250 },
        detail,
      }),
      figure({
        id: "whatif.trips",
        section: "whatif",
        label: "statements per what-if",
        unit: "round trips",
        rounds: Array(rounds).fill(trips),
        target: { op: "<=", value: 12 },
      }),
    ];
  } finally {
    await owner`delete from custom_roles where name = ${ROLE}`;
  }
}
