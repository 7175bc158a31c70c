import { pathToFileURL } from "node:url";
import { and, count, eq, isNull } from "drizzle-orm";
import type { BaseRole, PermissionEntry } from "@/lib/rbac/catalog";
import { hashPassword } from "@/lib/auth/password";
import { databaseOptionsFromEnv, openDatabase, type Database } from "./client";
import { migrateDatabase, syncFeatureFlags } from "./migrate";
import { customRoles, sales, userCustomRoles, users } from "./schema";

export const DEFAULT_DEMO_PASSWORD = "correct-horse-battery";

export interface DemoUser {
  username: string;
  name: string;
  baseRole: BaseRole;
  isSuperuser?: boolean;
  team?: string;
  customRoles?: readonly string[];
  /** Whom they report to, by username. */
  manager?: string;
  regions?: readonly string[];
}

export const DEMO_ROLES: { name: string; description: string; permissions: PermissionEntry[] }[] = [
  {
    name: "sales-rep",
    description: "Sells: creates and edits their own deals, and saves reports of them.",
    permissions: [
      { resource: "sale", actions: ["create", "read", "update", "list"], scope: "own" },
      { resource: "report", actions: ["create", "read", "update", "delete", "list"], scope: "own" },
    ],
  },
  {
    name: "sales-manager",
    description: "Leads a team: reads and edits the team's deals, exports them.",
    permissions: [
      { resource: "sale", actions: ["read", "update", "list"], scope: "team" },
      { resource: "export", actions: ["read", "list"] },
      { resource: "report", actions: ["read", "list"], scope: "team" },
    ],
  },
  {
    name: "sales-director",
    description: "Leads a reporting line: reads the deals of everyone below them, however deep.",
    permissions: [{ resource: "sale", actions: ["read", "list"], scope: "reports" }],
  },
  {
    name: "regional-lead",
    description: "Looks after regions: reads every deal in their regions, whoever owns it.",
    permissions: [{ resource: "sale", actions: ["read", "list"], scope: "region" }],
  },
];

const demoUsers = [
  { username: "admin", name: "Ada Admin", baseRole: "admin" },
  { username: "root", name: "Robin Root", baseRole: "viewer", isSuperuser: true },
  { username: "victor", name: "Victor Vargas", baseRole: "viewer", customRoles: ["sales-director"] },
  { username: "rita", name: "Rita Ramos", baseRole: "viewer", customRoles: ["regional-lead"], regions: ["EMEA"] },
  {
    username: "alice",
    name: "Alice Archer",
    baseRole: "viewer",
    team: "east",
    customRoles: ["sales-rep"],
    manager: "carol",
  },
  {
    username: "bob",
    name: "Bob Baker",
    baseRole: "viewer",
    team: "east",
    customRoles: ["sales-rep"],
    manager: "carol",
  },
  {
    username: "carol",
    name: "Carol Chen",
    baseRole: "viewer",
    team: "east",
    customRoles: ["sales-manager"],
    manager: "victor",
  },
  {
    username: "erin",
    name: "Erin Evans",
    baseRole: "viewer",
    team: "west",
    customRoles: ["sales-rep"],
    manager: "victor",
  },
  {
    username: "frank",
    name: "Frank Foster",
    baseRole: "viewer",
    team: "west",
    customRoles: ["sales-rep"],
    manager: "victor",
  },
  { username: "dave", name: "Dave Diaz", baseRole: "analyst" },
  { username: "vera", name: "Vera Vance", baseRole: "viewer" },
  { username: "dev", name: "Devon Dev", baseRole: "developer" },
] as const satisfies readonly DemoUser[];

export type DemoUsername = (typeof demoUsers)[number]["username"];
export const DEMO_USERS: readonly (DemoUser & { username: DemoUsername })[] = demoUsers;

/** Who owns the demo deals, and how many each. */
const SALES_OWNERS: Record<string, number> = { alice: 300, bob: 280, erin: 260, frank: 240, carol: 120 };

export const CUSTOMERS = [
  "Acme Corp",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark Industries",
  "Wayne Enterprises",
  "Wonka Industries",
  "Tyrell Corp",
  "Cyberdyne",
  "Soylent",
  "Vandelay Industries",
  "Pied Piper",
  "Massive Dynamic",
  "Aperture Science",
  "Black Mesa",
  "Gringotts",
  "Oscorp",
  "Nakatomi Trading",
  "Monarch Solutions",
  "Blue Sun",
  "Virtucon",
  "Duff Brewing",
  "Prestige Worldwide",
  "Dunder Mifflin",
  "Sterling Cooper",
  "Bluth Company",
  "Los Pollos Hermanos",
  "Gekko & Co",
  "Rekall",
];
export const PRODUCTS = ["Analytics Suite", "CRM Pro", "Data Warehouse", "Support Plus", "Training", "API Platform"];
export const REGIONS = ["North America", "EMEA", "APAC", "LATAM"];

/** 24 whole months of demo deals: November 2024 through October 2026. */
const FIRST_DAY = Date.UTC(2024, 10, 1);
const LAST_DAY = Date.UTC(2026, 9, 31);

/** A small deterministic generator (mulberry32): the same seed gives the same demo everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function deterministicUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export interface SeedSummary {
  users: number;
  sales: number;
}

/** Loads the demo. Idempotent: a second run changes nothing. */
export async function seedDemo(
  db: Database,
  password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
): Promise<SeedSummary> {
  // One hash for every demo account: they share the demo password, and hashing is deliberately slow.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          email: `${u.username}@example.com`,
          name: u.name,
          passwordHash,
          baseRole: u.baseRole,
          isSuperuser: u.isSuperuser ?? false,
          team: u.team ?? null,
          regions: [...(u.regions ?? [])],
        })),
      )
      .onConflictDoNothing();
    await tx.insert(customRoles).values(DEMO_ROLES).onConflictDoNothing();

    const userRows = await tx.select({ id: users.id, username: users.username }).from(users);
    const roleRows = await tx.select({ id: customRoles.id, name: customRoles.name }).from(customRoles);
    const userId = new Map(userRows.map((u) => [u.username, u.id]));
    const roleId = new Map(roleRows.map((r) => [r.name, r.id]));

    // Reporting lines, set where none is yet: a database seeded before they existed gains them once.
    for (const u of DEMO_USERS) {
      const managerId = u.manager ? userId.get(u.manager) : undefined;
      if (!managerId) continue;
      await tx
        .update(users)
        .set({ managerId })
        .where(and(eq(users.username, u.username), isNull(users.managerId)));
    }

    const assignments = DEMO_USERS.flatMap((u) =>
      (u.customRoles ?? []).map((role) => ({
        userId: userId.get(u.username) as string,
        roleId: roleId.get(role) as string,
        reason: "Demo data",
      })),
    );
    await tx.insert(userCustomRoles).values(assignments).onConflictDoNothing();
    // The product's flags in their default states (overview_forecast off); a flag already there keeps its state.
    await syncFeatureFlags(tx);

    const random = prng(20241101);
    const rows: (typeof sales.$inferInsert)[] = [];
    for (const [owner, n] of Object.entries(SALES_OWNERS)) {
      for (let i = 0; i < n; i++) {
        const day = FIRST_DAY + Math.floor(random() * ((LAST_DAY - FIRST_DAY) / 86_400_000 + 1)) * 86_400_000;
        const roll = random();
        const amount = Math.round(Math.exp(6.5 + random() * 4.2)) + Math.floor(random() * 100) / 100;
        rows.push({
          id: deterministicUuid(random),
          ownerId: userId.get(owner) as string,
          customer: pick(random, CUSTOMERS),
          product: pick(random, PRODUCTS),
          region: pick(random, REGIONS),
          amount: amount.toFixed(2),
          status: roll < 0.55 ? "won" : roll < 0.8 ? "lost" : "open",
          closedAt: new Date(day).toISOString().slice(0, 10),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(sales)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing();
    }
    const [userCount] = await tx.select({ n: count() }).from(users);
    const [saleCount] = await tx.select({ n: count() }).from(sales);
    return { users: userCount?.n ?? 0, sales: saleCount?.n ?? 0 };
  });
}

async function main() {
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(handle);
    const summary = await seedDemo(handle.db);
    console.log(`Demo loaded: ${summary.users} users, ${summary.sales} sales.`);
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
