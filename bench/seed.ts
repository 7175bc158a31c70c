// Fills the bench database: 2,000 users in 40 teams, 40 custom roles, 10,000 direct grants (30%
// expired) and 1,000,000 sales over 36 months with Zipf-skewed owners. Deterministic: every value is
// a hash of its row number, so two runs give the same rows (grant expiries are relative to now).
import type postgres from "postgres";
import { CUSTOMERS, PRODUCTS, REGIONS, prng } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { ACTIONS, RESOURCES, type PermissionEntry, type Resource } from "@/lib/rbac/catalog";
import { BENCH_EMAIL_DOMAIN, type OwnerClient } from "./database";
import { BENCH_PASSWORD, PARTS, POPULATION } from "./population";
import { progress } from "./progress";

type Transaction = postgres.TransactionSql;

/** Resources a generic role or a direct grant may name: never `sale`, so every measured scope is known. */
const PLAIN_RESOURCES: Resource[] = RESOURCES.filter((resource) => resource !== "sale");

export const NAMED_ROLES: { name: string; permissions: PermissionEntry[] }[] = [
  {
    name: "bench-sales-rep",
    permissions: [{ resource: "sale", actions: ["create", "read", "update", "list"], scope: "own" }],
  },
  {
    name: "bench-sales-manager",
    permissions: [
      { resource: "sale", actions: ["read", "update", "list"], scope: "team" },
      { resource: "export", actions: ["read", "list"] },
    ],
  },
  {
    name: "bench-sales-exporter",
    permissions: [
      { resource: "sale", actions: ["read", "list"], scope: "all" },
      { resource: "export", actions: ["read", "list"] },
    ],
  },
];

function genericRoles(): { name: string; permissions: PermissionEntry[] }[] {
  const random = prng(7_000_007);
  const count = POPULATION.customRoles - NAMED_ROLES.length;
  return Array.from({ length: count }, (_, i) => {
    const resources = PLAIN_RESOURCES.filter(() => random() < 0.35);
    const chosen = resources.length > 0 ? resources : [PLAIN_RESOURCES[i % PLAIN_RESOURCES.length] as Resource];
    return {
      name: `bench-role-${String(i + NAMED_ROLES.length).padStart(2, "0")}`,
      permissions: chosen.map((resource) => {
        const actions = ACTIONS.filter(() => random() < 0.5);
        return { resource, actions: actions.length > 0 ? actions : ["read"] };
      }),
    };
  });
}

/** A v4-shaped UUID from a text seed, so ids are stable across runs and valid for zod's uuid(). */
const benchUuid = (seed: string) => `overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid`;

/** A uniform number in [0, 1) from a row number and a stream number. */
const uniform = (row: string, stream: number) =>
  `((hashint8extended(${row}, ${stream}) & 2147483647)::float8 / 2147483648)`;

async function seedPeople(tx: Transaction): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const { reps, managers, analysts, developers, admin } = PARTS;
  await tx`
    insert into users (id, username, email, name, password_hash, base_role, team)
    select ${tx.unsafe(benchUuid("'bench-user-' || n"))}, 'bench.u' || lpad(n::text, 4, '0'),
      'u' || lpad(n::text, 4, '0') || ${`@${BENCH_EMAIL_DOMAIN}`}, 'Bench User ' || n, ${passwordHash},
      (case when n between ${analysts.from} and ${analysts.to} then 'analyst'
            when n between ${developers.from} and ${developers.to} then 'developer'
            when n = ${admin} then 'admin' else 'viewer' end)::base_role,
      'team-' || lpad(((n - 1) % ${POPULATION.teams})::text, 2, '0')
    from generate_series(1, ${POPULATION.users}) as n`;

  const roles = [...NAMED_ROLES, ...genericRoles()];
  await tx`insert into custom_roles ${tx(
    roles.map((role) => ({
      name: role.name,
      description: "Benchmark role",
      permissions: tx.json(role.permissions as never),
    })),
  )}`;

  // Everyone gets their part's role (if any) and up to two generic ones.
  await tx`
    insert into user_custom_roles (user_id, role_id, reason)
    select ${tx.unsafe(benchUuid("'bench-user-' || a.n"))}, r.id, 'bench'
    from (
      select n, case when n between ${reps.from} and ${reps.to} then 'bench-sales-rep'
                     when n between ${managers.from} and ${managers.to} then 'bench-sales-manager'
                     when n = ${PARTS.exporter} then 'bench-sales-exporter' end as role
      from generate_series(1, ${POPULATION.users}) as n
      union
      select n, 'bench-role-' || lpad((${NAMED_ROLES.length} + (hashint8extended(n * 8 + k, 7) & 2147483647)
        % ${POPULATION.customRoles - NAMED_ROLES.length})::text, 2, '0')
      from generate_series(1, ${POPULATION.users}) as n, generate_series(1, 2) as k
      where (hashint8extended(n * 8 + k, 8) & 3) < 2
    ) as a
    join custom_roles r on r.name = a.role`;

  const expiredPerTen = Math.round(POPULATION.expiredGrantShare * 10);
  await tx`
    insert into direct_permission_grants (user_id, resource, actions, reason, expires_at)
    select ${tx.unsafe(benchUuid(`'bench-user-' || (1 + (hashint8extended(g, 13) & 2147483647) % ${POPULATION.users})`))},
      (${PLAIN_RESOURCES}::text[])[1 + (hashint8extended(g, 11) & 2147483647) % ${PLAIN_RESOURCES.length}],
      (select jsonb_agg(action order by i) from unnest(${[...ACTIONS]}::text[]) with ordinality as x(action, i)
        where ((1 + (hashint8extended(g, 12) & 2147483647) % 31) >> (i::int - 1)) & 1 = 1),
      'bench',
      case when g % 10 < ${expiredPerTen} then now() - (1 + g % 300) * interval '1 day'
           when g % 10 < ${expiredPerTen + 3} then null
           else now() + (1 + g % 300) * interval '1 day' end
    from generate_series(1, ${POPULATION.grants}) as g`;
}

async function seedSales(tx: Transaction): Promise<void> {
  const no = "s.no";
  await tx.unsafe(
    `insert into sales (id, owner_id, customer, product, region, amount, status, closed_at, created_at, updated_at)
    with ranks as (
      select r, power(r::float8, -$1::float8) as w from generate_series(1, $2::int) as r
    ), shares as (
      select r, floor($3::int * w / sum(w) over ())::int as n from ranks
    ), owners as (
      -- Rounding leaves a few rows over: the busiest owner takes them.
      select r, n + case when r = 1 then $3::int - sum(n) over () else 0 end as n from shares
    ), spans as (
      select r, n::bigint as n, (sum(n) over (order by r) - n)::bigint as first, ${benchUuid("'bench-user-' || r")} as id
      from owners
    ), rows as (
      select s.no, o.id as owner_id,
        $6::date + floor(${uniform(no, 1)} * ($7::date - $6::date + 1))::int as closed_at,
        ${uniform(no, 2)} as roll
      from spans o cross join lateral generate_series(o.first + 1, o.first + o.n) as s(no)
    )
    select ${benchUuid("'bench-sale-' || s.no")}, s.owner_id,
      ($4::text[])[1 + floor(${uniform(no, 3)} * array_length($4::text[], 1))::int],
      ($5::text[])[1 + floor(${uniform(no, 4)} * array_length($5::text[], 1))::int],
      ($8::text[])[1 + floor(${uniform(no, 5)} * array_length($8::text[], 1))::int],
      (round(exp(6.5 + ${uniform(no, 6)} * 4.2)) + floor(${uniform(no, 7)} * 100) / 100)::numeric(14, 2),
      (case when s.roll < 0.55 then 'won' when s.roll < 0.8 then 'lost' else 'open' end)::sale_status,
      s.closed_at,
      s.closed_at + ${uniform(no, 8)} * interval '1 day',
      s.closed_at + ${uniform(no, 8)} * interval '1 day'
    from rows s
    -- In the order deals arrive in production (by closing date), not owner by owner: the table's
    -- physical order is what date-ordered reads (first pages, exports) pay for.
    order by s.closed_at, s.no`,
    [
      POPULATION.zipfExponent,
      POPULATION.users,
      POPULATION.sales,
      CUSTOMERS,
      PRODUCTS,
      POPULATION.firstDay,
      POPULATION.lastDay,
      REGIONS,
    ],
  );
}

interface IndexDefinition {
  name: string;
  definition: string;
  constraint: string | null;
  constraintDefinition: string | null;
}

/** Loading into a bare table and indexing afterwards is several times faster than the other way round. */
async function withoutSalesIndexes(tx: Transaction, load: () => Promise<void>): Promise<void> {
  const indexes = await tx<IndexDefinition[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition,
      c.conname as constraint, pg_get_constraintdef(c.oid) as "constraintDefinition"
    from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
    where i.indrelid = 'sales'::regclass`;
  for (const index of indexes) {
    if (index.constraint) await tx.unsafe(`alter table sales drop constraint ${index.constraint}`);
    else await tx.unsafe(`drop index ${index.name}`);
  }
  await load();
  for (const index of indexes) {
    progress(`  index ${index.name}`);
    if (index.constraint)
      await tx.unsafe(`alter table sales add constraint ${index.constraint} ${index.constraintDefinition}`);
    else await tx.unsafe(index.definition);
  }
}

export async function seedBench(owner: OwnerClient): Promise<void> {
  await owner.begin(async (tx) => {
    // Bulk load: foreign keys and triggers off (the rows are consistent by construction), then any
    // trigger-maintained summary is rebuilt from the loaded rows in one pass.
    await tx`set local session_replication_role = replica`;
    await tx`set local maintenance_work_mem = '512MB'`;
    progress("seed: users, roles, assignments, grants");
    await seedPeople(tx);
    progress(`seed: ${POPULATION.sales.toLocaleString("en")} sales`);
    await withoutSalesIndexes(tx, () => seedSales(tx));
    const [rebuild] = await tx`select to_regproc('sales_summaries_rebuild') is not null as present`;
    if (rebuild?.present) {
      progress("seed: rebuilding the sales summaries");
      await tx`select sales_summaries_rebuild()`;
    }
  });
  progress("seed: vacuum analyze");
  await owner`vacuum analyze`;
}
