import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { BASE_ROLES, type PermissionEntry, type Resource, type Scope } from "@/lib/rbac/catalog";
import { SALE_STATUSES } from "@/lib/sales/schemas";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const baseRole = pgEnum("base_role", BASE_ROLES);
export const saleStatus = pgEnum("sale_status", SALE_STATUSES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: varchar("username", { length: 64 }).notNull(),
    email: varchar("email", { length: 254 }).notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    baseRole: baseRole("base_role").notNull().default("viewer"),
    isSuperuser: boolean("is_superuser").notNull().default(false),
    isActive: boolean("is_active").notNull().default(true),
    team: varchar("team", { length: 64 }),
    // Whom they report to: the `reports` scope reaches everyone below a user, however deep.
    managerId: uuid("manager_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    // The regions the `region` scope reaches (sales.region values).
    regions: text("regions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Bumped on password change or deactivation: every older session cookie stops working.
    sessionVersion: integer("session_version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(t.username),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_team_idx").on(t.team),
    index("users_manager_idx").on(t.managerId),
    check("users_manager_not_self", sql`${t.managerId} <> ${t.id}`),
    check("users_username_format", sql`${t.username} ~ '^[a-z][a-z0-9._-]{1,63}$'`),
  ],
);

export const customRoles = pgTable(
  "custom_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: varchar("name", { length: 64 }).notNull(),
    description: text("description"),
    isSystemRole: boolean("is_system_role").notNull().default(false),
    permissions: jsonb("permissions").$type<PermissionEntry[]>().notNull().default([]),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("custom_roles_name_key").on(t.name),
    check("custom_roles_name_format", sql`${t.name} ~ '^[a-z][a-z0-9_-]{1,63}$'`),
  ],
);

export const userCustomRoles = pgTable(
  "user_custom_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roleId: uuid("role_id")
      .notNull()
      .references(() => customRoles.id, { onDelete: "cascade" }),
    assignedById: uuid("assigned_by_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: until revoked. Past it the assignment counts for nothing (judged on the database clock). */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    unique("user_custom_roles_user_role_key").on(t.userId, t.roleId),
    index("user_custom_roles_role_idx").on(t.roleId),
    index("user_custom_roles_expires_idx")
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null`),
  ],
);

export const directPermissionGrants = pgTable(
  "direct_permission_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    resource: varchar("resource", { length: 64 }).notNull(),
    actions: jsonb("actions").$type<string[]>().notNull(),
    scope: varchar("scope", { length: 8 }),
    grantedById: uuid("granted_by_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("direct_permission_grants_user_idx").on(t.userId, t.resource),
    check(
      "direct_permission_grants_scope",
      sql`${t.scope} is null or ${t.scope} in ('own', 'region', 'team', 'reports', 'all')`,
    ),
    index("direct_permission_grants_expires_idx")
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null`),
  ],
);

/**
 * A user's request for one permission for a while. An approver's decision closes it: approved
 * makes a direct grant for `duration_hours` from that moment (linked by `grant_id`), denied makes
 * nothing. The requester sees the outcome until `seen_at`.
 */
export const accessRequests = pgTable(
  "access_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    resource: varchar("resource", { length: 64 }).notNull(),
    actions: jsonb("actions").$type<string[]>().notNull(),
    scope: varchar("scope", { length: 8 }),
    reason: text("reason").notNull(),
    durationHours: integer("duration_hours").notNull(),
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    decidedById: uuid("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    grantId: uuid("grant_id").references(() => directPermissionGrants.id, { onDelete: "set null" }),
    seenAt: timestamp("seen_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("access_requests_requester_idx").on(t.requesterId, t.createdAt.desc()),
    index("access_requests_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    check("access_requests_status", sql`${t.status} in ('pending', 'approved', 'denied')`),
    check("access_requests_duration", sql`${t.durationHours} > 0`),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 100 }).notNull(),
    // SHA-256 of the token: the token itself is shown once and never stored.
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    prefix: varchar("prefix", { length: 16 }).notNull(),
    // "resource:action" pairs the token may use, within its owner's own; null: all of the owner's.
    permissions: jsonb("permissions").$type<string[]>(),
    // Row-scope ceilings per row-scoped resource, e.g. {"sale": "own"}.
    scopes: jsonb("scopes").$type<Partial<Record<Resource, Scope>>>().notNull().default({}),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * One row per sign-in. The session cookie names its row; a request is signed in only while the
 * row is live: not ended, within its absolute lifetime, and seen within the idle timeout.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    // "signed out", "ended", "ended by an admin", "password changed"
    endedReason: varchar("ended_reason", { length: 40 }),
    address: varchar("address", { length: 64 }),
    userAgent: varchar("user_agent", { length: 300 }),
    // A view-as preview started in this session: whose dashboard, and until when it may be browsed.
    viewAsUserId: uuid("view_as_user_id").references(() => users.id, { onDelete: "set null" }),
    viewAsUntil: timestamp("view_as_until", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt.desc())],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id),
    actorUsername: varchar("actor_username", { length: 64 }),
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 32 }).notNull(),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    reason: text("reason"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt.desc()),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt.desc()),
    index("audit_log_target_idx").on(t.targetId, t.createdAt.desc()),
    // One "expired" row per grant or assignment and end time, however many sweeps race to write it.
    uniqueIndex("audit_log_expired_once")
      .on(t.action, sql`(${t.before} ->> 'id')`, sql`(${t.before} ->> 'expires_at')`)
      .where(sql`${t.action} in ('grant.expired', 'role.assignment_expired')`),
  ],
);

export const sales = pgTable(
  "sales",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    customer: varchar("customer", { length: 200 }).notNull(),
    product: varchar("product", { length: 100 }).notNull(),
    region: varchar("region", { length: 64 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    status: saleStatus("status").notNull().default("open"),
    closedAt: date("closed_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Read backwards, both give the list's default order and the export's keyset (closed_at desc,
    // id desc: nulls first, which a "desc nulls last" index cannot give), so a page comes straight
    // off the index: one owner's, or everyone's.
    index("sales_owner_closed_idx").on(t.ownerId, t.closedAt, t.id),
    index("sales_closed_idx").on(t.closedAt, t.id),
    check("sales_amount_nonnegative", sql`${t.amount} >= 0`),
  ],
);

// Summaries of `sales` per owner (and month), kept exact by triggers on sales in the same
// transaction (migration 0003) and scoped by row level security like sales itself. The overview,
// the list's totals and the filters' choices read these instead of aggregating a million rows.
// Keyed by owner, so no write touches another owner's summary and sharding by owner stays possible.
const summaryCounts = () => ({
  deals: integer("deals").notNull(),
  won: integer("won").notNull(),
  lost: integer("lost").notNull(),
  /** Sum of the won deals' amounts. */
  wonAmount: numeric("won_amount", { precision: 18, scale: 2 }).notNull(),
  /** Sum of the lost deals' amounts. */
  lostAmount: numeric("lost_amount", { precision: 18, scale: 2 }).notNull().default("0"),
  /** Sum of every deal's amount, whatever its status: the list's totals row. */
  amount: numeric("amount", { precision: 18, scale: 2 }).notNull().default("0"),
});

const summaryOwner = () =>
  uuid("owner_id")
    .notNull()
    .references(() => users.id);

export const salesOwnerTotals = pgTable("sales_owner_totals", {
  ownerId: summaryOwner().primaryKey(),
  ...summaryCounts(),
});

export const salesMonthlyByRegion = pgTable(
  "sales_monthly_by_region",
  {
    ownerId: summaryOwner(),
    /** The first day of the month. */
    month: date("month").notNull(),
    region: varchar("region", { length: 64 }).notNull(),
    ...summaryCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.month, t.region] }),
    index("sales_monthly_by_region_region_idx").on(t.region),
  ],
);

export const salesMonthlyByProduct = pgTable(
  "sales_monthly_by_product",
  {
    ownerId: summaryOwner(),
    /** The first day of the month. */
    month: date("month").notNull(),
    product: varchar("product", { length: 100 }).notNull(),
    ...summaryCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.month, t.product] }),
    index("sales_monthly_by_product_product_idx").on(t.product),
  ],
);

export const salesMonthlyByOwner = pgTable(
  "sales_monthly_by_owner",
  {
    ownerId: summaryOwner(),
    /** The first day of the month. */
    month: date("month").notNull(),
    ...summaryCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.month] }),
    // Covers the analyst's top owners over a range of months: read by month, summed by owner.
    index("sales_monthly_by_owner_month_idx").on(t.month, t.ownerId, t.won, t.wonAmount),
  ],
);

// Everyone's sales by month, region and product, for viewers who see every row (migration 0020).
// A sale's change is appended to `sales_rollup_changes` (an insert: no row that every writer
// updates) and folded into `sales_monthly_rollup` now and then, in one transaction; a reader adds
// the two up in one statement, so the sum is exact at any moment.
const rollupCell = () => ({
  /** The first day of the month. */
  month: date("month").notNull(),
  region: varchar("region", { length: 64 }).notNull(),
  product: varchar("product", { length: 100 }).notNull(),
  ...summaryCounts(),
});

export const salesMonthlyRollup = pgTable("sales_monthly_rollup", rollupCell(), (t) => [
  primaryKey({ columns: [t.month, t.region, t.product] }),
]);

export const salesRollupChanges = pgTable("sales_rollup_changes", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  /**
   * Whose sale changed: keyed by owner like every summary a trigger writes. No foreign key: a
   * change waiting to be folded must not hold its owner's user row in place.
   */
  ownerId: uuid("owner_id").notNull(),
  ...rollupCell(),
});

/**
 * The sign-in throttle: one row per key, "pair:<account>@<address>" (an account from one address)
 * or "ip:<address>" (every account from one address). `failures` counts tries since the last
 * success (a day without tries starts over); past a key's limit it is locked until `locked_until`.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: varchar("key", { length: 400 }).primaryKey(),
  failures: integer("failures").notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A user's TOTP second factor (RFC 6238). `secret` is encrypted with a key derived from
 * AUTH_SECRET (lib/auth/sealed.ts); the application role may write it, never read it back.
 * `last_step` is the last 30-second step a code was accepted for, so no code works twice.
 */
export const userMfa = pgTable("user_mfa", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  lastStep: integer("last_step"),
  enabledAt: timestamp("enabled_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes of a user's second factor, as SHA-256 hashes; `used_at` once spent. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: varchar("code_hash", { length: 64 }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("mfa_recovery_codes_user_hash_key").on(t.userId, t.codeHash)],
);

/**
 * Switches for parts of the product (lib/flags/catalog.ts defines them). A flag shows or hides a
 * feature, never grants access. `base_roles` limits it to those base roles; empty means everyone.
 */
export const featureFlags = pgTable(
  "feature_flags",
  {
    key: varchar("key", { length: 64 }).primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    baseRoles: baseRole("base_roles")
      .array()
      .notNull()
      .default(sql`'{}'`),
    updatedAt: updatedAt(),
    updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("feature_flags_key_format", sql`${t.key} ~ '^[a-z][a-z0-9_]{1,63}$'`)],
);

export type User = typeof users.$inferSelect;
export type CustomRole = typeof customRoles.$inferSelect;
export type DirectPermissionGrant = typeof directPermissionGrants.$inferSelect;
export type AccessRequest = typeof accessRequests.$inferSelect;
export type Sale = typeof sales.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;

/** What a saved report opens: the sales list's query (filters, sort, columns) and the overview's range. */
export interface ReportViewState {
  sales: Record<string, string>;
  overview: Record<string, string>;
}

// Saved reports: named views of the sales list and the overview, owned by their creator and
// row-scoped like sales (lib/rbac/catalog.ts ROW_SCOPE). A report never stores rows: opening it
// shows what its viewer may see.
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 120 }).notNull(),
    view: jsonb("view").$type<ReportViewState>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("reports_owner_idx").on(t.ownerId, t.updatedAt)],
);
export type FeatureFlag = typeof featureFlags.$inferSelect;
