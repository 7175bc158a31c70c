import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { apiTokens } from "@/db/schema";

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

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  expiresAt: z.coerce.date().nullable().optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  prefix: string;
  expiresAt: Date | null;
}

export async function insertToken(db: Queryable, userId: string, input: CreateTokenInput): Promise<CreatedToken> {
  const token = generateToken();
  const prefix = token.slice(0, 10);
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name: input.name, tokenHash: hashToken(token), prefix, expiresAt: input.expiresAt ?? null })
    .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
  if (!row) throw new Error("token insert returned no row");
  return { id: row.id, name: input.name, token, prefix, expiresAt: row.expiresAt };
}

export function listTokensOf(db: Queryable, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeTokenOf(db: Queryable, userId: string, tokenId: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** "30d", "12h", "90m" → milliseconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  if (!match) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as "d" | "h" | "m"];
  return Number(match[1]) * unit;
}
