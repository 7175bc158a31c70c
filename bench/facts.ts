// The shape of the data the figures were measured on, counted from the database itself.
import type { OwnerClient } from "./database";

export interface DataFacts {
  users: number;
  teams: number;
  customRoles: number;
  roleAssignments: number;
  grants: number;
  expiredGrants: number;
  sales: number;
  months: number;
  busiestOwnerRows: number;
  busiestTeamRows: number;
  salesTableMb: number;
}

export async function countFacts(owner: OwnerClient): Promise<DataFacts> {
  const [facts] = await owner<DataFacts[]>`
    select
      (select count(*)::int from users) as users,
      (select count(distinct team)::int from users) as teams,
      (select count(*)::int from custom_roles where not is_system_role) as "customRoles",
      (select count(*)::int from user_custom_roles) as "roleAssignments",
      (select count(*)::int from direct_permission_grants) as grants,
      (select count(*)::int from direct_permission_grants where expires_at <= now()) as "expiredGrants",
      (select count(*)::int from sales) as sales,
      (select count(distinct date_trunc('month', closed_at))::int from sales) as months,
      (select max(n)::int from (select count(*) as n from sales group by owner_id) as o) as "busiestOwnerRows",
      (select max(n)::int from (select count(*) as n from sales s join users u on u.id = s.owner_id group by u.team) as t)
        as "busiestTeamRows",
      (select round(pg_total_relation_size('sales') / 1048576.0)::int) as "salesTableMb"`;
  if (!facts) throw new Error("could not count the bench data");
  return facts;
}
