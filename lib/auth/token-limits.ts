import { isResource, isRowScoped, SCOPES, type Resource, type Scope } from "@/lib/rbac/catalog";
import type { TokenLimits } from "@/lib/rbac/narrow";

/** The token a request came with, as its viewer carries it. */
export interface ApiTokenGrant {
  id: string;
  name: string;
  expiresAt: Date | null;
  limits: TokenLimits;
}

/** The token's columns as loadViewerByTokenHash reads them. */
export interface TokenRow {
  token_id: string;
  token_name: string;
  token_permissions: string[] | string | null;
  token_scopes: Record<string, string> | string | null;
  token_expires_at: string | Date | null;
}

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** Stored limits, keeping only what the catalogue knows (a ceiling on anything else means nothing). */
export function limitsOf(permissions: string[] | null, scopes: Record<string, string> | null): TokenLimits {
  const ceilings: Partial<Record<Resource, Scope>> = {};
  for (const [resource, scope] of Object.entries(scopes ?? {})) {
    if (isResource(resource) && isRowScoped(resource) && (SCOPES as readonly string[]).includes(scope)) {
      ceilings[resource] = scope as Scope;
    }
  }
  return { permissions, scopes: ceilings };
}

/** The token a row describes, its limits parsed. */
export function tokenGrantOf(row: TokenRow): ApiTokenGrant {
  return {
    id: row.token_id,
    name: row.token_name,
    expiresAt: row.token_expires_at === null ? null : new Date(row.token_expires_at),
    limits: limitsOf(
      row.token_permissions === null ? null : parseJson(row.token_permissions),
      row.token_scopes === null ? null : parseJson(row.token_scopes),
    ),
  };
}
