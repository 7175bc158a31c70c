import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { Invalid, type FieldError } from "@/lib/errors";
import { isResource, isRowScoped, type Resource, type Scope } from "@/lib/rbac/catalog";
import { excessOf, parsePermissionList } from "@/lib/rbac/narrow";
import type { EffectivePermissions } from "@/lib/rbac/resolve";

export const TOKEN_PREFIX = "ll_";

/** 256 random bits, URL-safe; only its SHA-256 is stored. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token is well formed when it has our prefix and 43 base64url characters. */
export function isWellFormedToken(token: string): boolean {
  return /^ll_[A-Za-z0-9_-]{43}$/.test(token);
}

/** API_TOKEN_MAX_DAYS: the longest a new token may live (default 90); 0 allows tokens that never expire. */
export function apiTokenMaxDays(value = process.env.API_TOKEN_MAX_DAYS): number {
  if (value === undefined || value.trim() === "") return 90;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`API_TOKEN_MAX_DAYS must be a whole number of days (0: no limit), not "${value}"`);
  }
  return days;
}

/** The token page's expiry choices under `maxDays`: days, and "never" only where it is 0. */
export function expiryChoicesWithin(maxDays: number): string[] {
  if (maxDays === 0) return ["7", "30", "90", "365", "never"];
  const days = [7, 30, 90, 365].filter((d) => d < maxDays);
  return [...days, maxDays].map(String);
}

export interface CreateTokenInput {
  name: string;
  expiresAt?: Date | null;
  /** "resource:action" pairs; null or absent: all of the owner's permissions. */
  permissions?: string[] | null;
  /** Row-scope ceilings, e.g. { sale: "own" }. */
  scopes?: Partial<Record<Resource, Scope>>;
}

export const tokenNameSchema = z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters");

const DAY_MS = 86_400_000;
/** The page and the CLI compute an expiry a moment before it is checked. */
const CLOCK_GRACE_MS = 60_000;

/**
 * Refuses (422, naming the field) a token its owner may not have: permissions or a scope beyond
 * the owner's own, no expiry or a later one than API_TOKEN_MAX_DAYS allows, an expiry in the past.
 */
export function checkTokenRequest(
  owner: EffectivePermissions,
  input: CreateTokenInput,
  now: Date,
  maxDays = apiTokenMaxDays(),
): void {
  const errors: FieldError[] = [];
  const limits = { permissions: input.permissions ?? null, scopes: input.scopes ?? {} };
  if (limits.permissions !== null && limits.permissions.length === 0) {
    errors.push({ field: "permissions", message: "Choose at least one permission, or all of yours" });
  }
  const unknown = (limits.permissions ?? []).filter((pair) => parsePermissionList(pair).pairs.length !== 1);
  if (unknown.length > 0) {
    errors.push({ field: "permissions", message: `Not a permission: ${unknown.join(", ")}` });
  }
  for (const resource of Object.keys(limits.scopes)) {
    if (!isResource(resource) || !isRowScoped(resource)) {
      errors.push({ field: "scopes", message: `${resource} has no row scope` });
    }
  }
  const excess = excessOf(owner, limits);
  if (unknown.length === 0 && excess.length > 0) {
    errors.push({
      field: "permissions",
      message: `A token cannot do more than its owner, who does not hold ${excess.join(", ")}`,
    });
  }
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    errors.push({ field: "expires_at", message: "The expiry must be in the future" });
  } else if (maxDays > 0 && (!expiresAt || expiresAt.getTime() > now.getTime() + maxDays * DAY_MS + CLOCK_GRACE_MS)) {
    errors.push({ field: "expires_at", message: `Tokens must expire within ${maxDays} days` });
  }
  if (errors.length > 0) {
    const excessive = errors.find((e) => e.message.startsWith("A token cannot"));
    throw new Invalid((excessive ?? errors[0])?.message ?? "Invalid token", errors);
  }
}

export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  prefix: string;
  expiresAt: Date | null;
  permissions: string[] | null;
  scopes: Partial<Record<Resource, Scope>>;
}

/** Stores a new token (its hash); callers check the request first (checkTokenRequest). */
export async function insertToken(db: Queryable, userId: string, input: CreateTokenInput): Promise<CreatedToken> {
  const token = generateToken();
  const prefix = token.slice(0, 10);
  const permissions = input.permissions ? [...new Set(input.permissions)].sort() : null;
  const scopes = input.scopes ?? {};
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix,
      expiresAt: input.expiresAt ?? null,
      permissions,
      scopes,
    })
    .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
  if (!row) throw new Error("token insert returned no row");
  return { id: row.id, name: input.name, token, prefix, expiresAt: row.expiresAt, permissions, scopes };
}

/** What the audit log keeps of a token: never the token or its hash. */
export function tokenAuditView(token: Pick<CreatedToken, "name" | "prefix" | "expiresAt" | "permissions" | "scopes">) {
  return {
    name: token.name,
    prefix: token.prefix,
    expires_at: token.expiresAt?.toISOString() ?? null,
    permissions: token.permissions,
    scopes: token.scopes,
  };
}

export function listTokensOf(db: Queryable, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      permissions: apiTokens.permissions,
      scopes: apiTokens.scopes,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; null when there is no such live token. */
export async function revokeTokenOf(
  db: Queryable,
  userId: string,
  tokenId: string,
): Promise<{ id: string; name: string; prefix: string } | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
  return row ?? null;
}

/** "30d", "12h", "90m" → milliseconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  if (!match) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as "d" | "h" | "m"];
  return Number(match[1]) * unit;
}
