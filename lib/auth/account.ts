import "server-only";
import type { Database } from "@/db/client";
import { withViewer } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { recordAudit, type AuditActor } from "@/lib/rbac/audit";
import { requireMfaForAdmins } from "./mfa-policy";
import type { Viewer } from "./principal";
import {
  checkTokenRequest,
  insertToken,
  listTokensOf,
  revokeTokenOf,
  tokenAuditView,
  type CreateTokenInput,
  type CreatedToken,
} from "./tokens";

// A viewer's own API tokens. Any signed-in user manages their own; nobody else's.

export function listOwnTokens(viewer: Viewer) {
  return withViewer(viewer, (tx) => listTokensOf(tx, viewer.id));
}

/** A new token for the viewer, within their own permissions and the lifetime limit; audited. */
export async function createOwnToken(viewer: Viewer, input: CreateTokenInput): Promise<CreatedToken> {
  checkTokenRequest(viewer.permissions, input, new Date());
  requireMfaForAdmins(viewer);
  return withViewer(viewer, async (tx) => {
    const created = await insertToken(tx, viewer.id, input);
    await recordAudit(tx, viewer, {
      action: "token.create",
      targetType: "api_token",
      targetId: created.id,
      targetLabel: created.name,
      before: null,
      after: tokenAuditView(created),
    });
    return created;
  });
}

export async function revokeOwnToken(viewer: Viewer, tokenId: string): Promise<void> {
  await withViewer(viewer, async (tx) => {
    const revoked = await revokeTokenOf(tx, viewer.id, tokenId);
    if (!revoked) throw new NotFound("No such active token");
    await recordAudit(tx, viewer, {
      action: "token.revoke",
      targetType: "api_token",
      targetId: revoked.id,
      targetLabel: revoked.name,
      before: { name: revoked.name, prefix: revoked.prefix },
      after: null,
    });
  });
}

/** Who the command line acts as in the audit log: no user, the operator's own account name. */
export function commandLineActor(operator: string): AuditActor {
  return { id: null, username: `cli:${operator}`.slice(0, 64) };
}

/**
 * A token minted from the command line (npm run token) for `owner`: the same checks as the page,
 * as the table owner, with its audit row in the same transaction.
 */
export async function createTokenFromCommandLine(
  db: Database,
  owner: Viewer,
  input: CreateTokenInput,
  actor: AuditActor,
): Promise<CreatedToken> {
  checkTokenRequest(owner.permissions, input, new Date());
  return db.transaction(async (tx) => {
    const created = await insertToken(tx, owner.id, input);
    await recordAudit(tx, actor, {
      action: "token.create",
      targetType: "api_token",
      targetId: created.id,
      targetLabel: `${created.name} (${owner.username})`,
      reason: "npm run token",
      before: null,
      after: { ...tokenAuditView(created), owner: owner.username },
    });
    return created;
  });
}
