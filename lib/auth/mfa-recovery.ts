import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDatabase, withDeadline, type Queryable, type Tx } from "@/db/client";
import { mfaRecoveryCodes, userMfa, users } from "@/db/schema";
import { BadRequest, Conflict, Forbidden, Invalid, NotFound, TooManyTries } from "@/lib/errors";
import { requireAdmin } from "@/lib/rbac/access";
import { recordAudit } from "@/lib/rbac/audit";
import { uuidSchema } from "@/lib/validation";
import { acceptSecondFactor, secondFactorThrottleKeys } from "./mfa";
import type { Viewer } from "./principal";
import { confirmOwnPassword, endSessionsWhere, sessionsOf } from "./sessions";
import { recordSuccess, reserveTry } from "./throttle";
import { hashRecoveryCode, newRecoveryCodes } from "./totp";

// A lost second factor: an admin resets someone else's, a user replaces their recovery codes.
// Both remove or read what the application role may not (another user's factor, code hashes),
// so they run as the login, like the rest of lib/auth/mfa.ts.

/** Whether `userId` has two-factor sign-in on, for an admin's user page. */
export async function secondFactorOf(admin: Viewer, userId: string): Promise<{ enabledAt: Date | null }> {
  requireAdmin(admin);
  if (!uuidSchema.safeParse(userId).success) throw new NotFound("No such user");
  const { db, timeouts } = await getDatabase();
  const [factor] = await withDeadline(timeouts, () =>
    db.select({ enabledAt: userMfa.enabledAt }).from(userMfa).where(eq(userMfa.userId, userId)),
  );
  return { enabledAt: factor?.enabledAt ?? null };
}

/**
 * An admin turns off a user's lost second factor (and its recovery codes) and ends every session
 * of that user, audited in the same transaction; the user signs in with the password alone and may
 * enrol again. Answers how many sessions ended. Only a superuser resets a superuser's; nobody their
 * own here (that is /account/security, with a code).
 */
export async function resetSecondFactor(admin: Viewer, userId: string): Promise<number> {
  requireAdmin(admin);
  if (!uuidSchema.safeParse(userId).success) throw new NotFound("No such user");
  if (userId.toLowerCase() === admin.id) {
    throw new BadRequest("Turn your own two-factor sign-in off on /account/security, with a code");
  }
  const { db, timeouts } = await getDatabase();
  return withDeadline(timeouts, () =>
    db.transaction(async (tx) => {
      const [user] = await tx
        .select({ username: users.username, isSuperuser: users.isSuperuser })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      if (!user) throw new NotFound("No such user");
      if (user.isSuperuser && !admin.isSuperuser) {
        throw new Forbidden("Only a superuser may reset a superuser's two-factor sign-in");
      }
      const removed = await tx.delete(userMfa).where(eq(userMfa.userId, userId)).returning({ id: userMfa.userId });
      if (removed.length === 0) throw new Conflict(`${user.username} has no two-factor sign-in to reset`);
      await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
      const ended = await endSessionsWhere(tx, sessionsOf(userId), "second factor reset");
      await recordAudit(tx, admin, {
        action: "mfa.reset",
        targetType: "user",
        targetId: userId,
        targetLabel: user.username,
        before: { two_factor: true },
        after: { two_factor: false, sessions_ended: ended },
      });
      return ended;
    }),
  );
}

/** What proves it is the viewer asking for new recovery codes: a code of the factor, or the password. */
export type RecoveryCodesProof = { code: string } | { password: string };

/**
 * Replaces the viewer's recovery codes with new ones, given a current code, an unused recovery
 * code or their password; each is a throttled try (codes on the code step's budget, the password
 * on sign-in's). Audited in the same transaction. Answers the new codes, shown once.
 */
export async function regenerateRecoveryCodes(
  viewer: Viewer,
  proof: RecoveryCodesProof,
  address: string | null,
): Promise<string[]> {
  const { db, timeouts } = await getDatabase();
  if ("password" in proof) {
    await confirmOwnPassword(viewer, proof.password, address, "password");
    return withDeadline(timeouts, () => db.transaction((tx) => replaceRecoveryCodes(tx, viewer, "password")));
  }
  const keys = secondFactorThrottleKeys(viewer.id, address);
  const locked = await withDeadline(timeouts, () => reserveTry(db, keys));
  if (locked) throw new TooManyTries(locked.retryAfterSeconds);
  const codes = await withDeadline(timeouts, () =>
    db.transaction(async (tx) => {
      await lockFactor(tx, viewer.id);
      const used = await acceptSecondFactor(tx, viewer.id, proof.code);
      if (!used) {
        throw new Invalid("That code is not right", [
          { field: "code", message: "Enter a current code or a recovery code" },
        ]);
      }
      return replaceRecoveryCodes(tx, viewer, used);
    }),
  );
  await withDeadline(timeouts, () => recordSuccess(db, keys));
  return codes;
}

async function lockFactor(tx: Queryable, userId: string): Promise<void> {
  const [factor] = await tx
    .select({ userId: userMfa.userId })
    .from(userMfa)
    .where(eq(userMfa.userId, userId))
    .for("update");
  if (!factor) throw new Conflict("Two-factor sign-in is not on");
}

async function replaceRecoveryCodes(tx: Tx, viewer: Viewer, provedBy: string): Promise<string[]> {
  await lockFactor(tx, viewer.id);
  const [left] = await tx
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, viewer.id), isNull(mfaRecoveryCodes.usedAt)));
  const codes = newRecoveryCodes();
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, viewer.id));
  await tx
    .insert(mfaRecoveryCodes)
    .values(codes.map((code) => ({ userId: viewer.id, codeHash: hashRecoveryCode(code) })));
  await recordAudit(tx, viewer, {
    action: "mfa.recovery_codes",
    targetType: "user",
    targetId: viewer.id,
    targetLabel: viewer.username,
    before: { recovery_codes_left: left?.n ?? 0 },
    after: { recovery_codes: codes.length, confirmed_with: provedBy },
  });
  return codes;
}
