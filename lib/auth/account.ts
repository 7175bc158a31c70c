import { withViewer } from "@/db/scoped";
import { auditLog } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import type { Viewer } from "./principal";
import { insertToken, listTokensOf, revokeTokenOf, type CreateTokenInput, type CreatedToken } from "./tokens";

// A viewer's own API tokens. Any signed-in user manages his own; nobody else's.

export function listOwnTokens(viewer: Viewer) {
  return withViewer(viewer, (tx) => listTokensOf(tx, viewer.id));
}

export async function createOwnToken(viewer: Viewer, input: CreateTokenInput): Promise<CreatedToken> {
  return withViewer(viewer, async (tx) => {
    const created = await insertToken(tx, viewer.id, input);
    await tx.insert(auditLog).values({
      actorId: viewer.id,
      actorUsername: viewer.username,
      action: "token.create",
      targetType: "api_token",
      targetId: created.id,
      targetLabel: created.name,
      after: { name: created.name, prefix: created.prefix, expires_at: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
}

export async function revokeOwnToken(viewer: Viewer, tokenId: string): Promise<void> {
  await withViewer(viewer, async (tx) => {
    if (!(await revokeTokenOf(tx, viewer.id, tokenId))) throw new NotFound("No such active token");
    await tx.insert(auditLog).values({
      actorId: viewer.id,
      actorUsername: viewer.username,
      action: "token.revoke",
      targetType: "api_token",
      targetId: tokenId,
    });
  });
}
