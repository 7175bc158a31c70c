import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { getDatabase, withDeadline, type Queryable } from "@/db/client";
import { mfaRecoveryCodes, userMfa } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { Conflict, Invalid, TooManyTries } from "@/lib/errors";
import { recordAudit } from "@/lib/rbac/audit";
import type { Viewer } from "./principal";
import { seal, sealFor, unseal, unsealFresh } from "./sealed";
import { recordSuccess, reserveTry, throttleKeys } from "./throttle";
import {
  acceptedStep,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  qrCodeSvg,
  totpUri,
} from "./totp";

// Two-factor sign-in (TOTP). The application role adds a factor for the viewer and sees whether
// one is on; reading a secret, accepting a code and removing a factor run as the table owner.

const ENROLMENT_TTL_MS = 15 * 60_000;

export interface SecondFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export function secondFactorStatus(
  viewer: Pick<Viewer, "id" | "team" | "regions" | "scope">,
): Promise<SecondFactorStatus> {
  return withViewer(viewer, async (tx) => {
    const [factor] = await tx
      .select({ enabledAt: userMfa.enabledAt })
      .from(userMfa)
      .where(eq(userMfa.userId, viewer.id));
    const [left] = await tx
      .select({ n: count() })
      .from(mfaRecoveryCodes)
      .where(and(eq(mfaRecoveryCodes.userId, viewer.id), isNull(mfaRecoveryCodes.usedAt)));
    return { enabledAt: factor?.enabledAt ?? null, recoveryCodesLeft: factor ? (left?.n ?? 0) : 0 };
  });
}

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  qrSvg: string;
  /** The secret sealed for this viewer, valid 15 minutes: the confirming form sends it back. */
  ticket: string;
}

/** A new secret to scan; nothing is stored until a code from it is confirmed. */
export async function startEnrolment(viewer: Viewer): Promise<Enrolment> {
  const secret = newTotpSecret();
  return {
    secret,
    qrSvg: await qrCodeSvg(totpUri(secret, viewer.username)),
    ticket: sealFor("mfa-enrolment", secret, viewer.id, ENROLMENT_TTL_MS),
  };
}

/**
 * Turns two-factor sign-in on once a code from the new secret is right; answers the recovery
 * codes, shown once (only their hashes are kept). Audited in the same transaction.
 */
export async function confirmEnrolment(viewer: Viewer, input: { ticket: string; code: string }): Promise<string[]> {
  const secret = unsealFresh<string>("mfa-enrolment", input.ticket, viewer.id);
  if (!secret)
    throw new Invalid("This set-up has expired. Scan the new QR code.", [{ field: "code", message: "Start again" }]);
  const step = acceptedStep(secret, input.code);
  if (step === null) {
    throw new Invalid("That code is not right. Check the app and the device's clock.", [
      { field: "code", message: "Enter the 6-digit code the app shows now" },
    ]);
  }
  const codes = newRecoveryCodes();
  await withViewer(viewer, async (tx) => {
    const added = await tx
      .insert(userMfa)
      .values({ userId: viewer.id, secret: seal("totp-secret", secret, viewer.id), lastStep: step })
      .onConflictDoNothing({ target: userMfa.userId })
      .returning({ userId: userMfa.userId });
    if (added.length === 0) throw new Conflict("Two-factor sign-in is already on");
    await tx
      .insert(mfaRecoveryCodes)
      .values(codes.map((code) => ({ userId: viewer.id, codeHash: hashRecoveryCode(code) })));
    await recordAudit(tx, viewer, {
      action: "mfa.enable",
      targetType: "user",
      targetId: viewer.id,
      targetLabel: viewer.username,
      before: { two_factor: false },
      after: { two_factor: true, recovery_codes: codes.length },
    });
  });
  return codes;
}

export type SecondFactorUsed = "totp" | "recovery";

/**
 * Accepts a code of the user's second factor, as the table owner inside `tx`: a TOTP code for a
 * later step than the last one accepted (so none works twice), or an unused recovery code, which
 * is spent. Null when the code is wrong or the user has no second factor.
 */
export async function acceptSecondFactor(
  tx: Queryable,
  userId: string,
  code: string,
): Promise<SecondFactorUsed | null> {
  if (looksLikeRecoveryCode(code)) {
    const spent = await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(mfaRecoveryCodes.userId, userId),
          eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: mfaRecoveryCodes.id });
    return spent.length > 0 ? "recovery" : null;
  }
  const [factor] = await tx.select({ secret: userMfa.secret }).from(userMfa).where(eq(userMfa.userId, userId));
  const secret = factor ? unseal("totp-secret", factor.secret, userId) : null;
  const step = secret ? acceptedStep(secret, code) : null;
  if (step === null) return null;
  const advanced = await tx
    .update(userMfa)
    .set({ lastStep: step })
    .where(and(eq(userMfa.userId, userId), sql`(${userMfa.lastStep} is null or ${userMfa.lastStep} < ${step})`))
    .returning({ userId: userMfa.userId });
  return advanced.length > 0 ? "totp" : null;
}

/** Whether the user must give a second factor to sign in (as the table owner). */
export async function hasSecondFactor(db: Queryable, userId: string): Promise<boolean> {
  const [factor] = await db.select({ userId: userMfa.userId }).from(userMfa).where(eq(userMfa.userId, userId));
  return factor !== undefined;
}

/** The throttle's keys for second-factor codes: a budget of their own, apart from passwords'. */
export function secondFactorThrottleKeys(userId: string, address: string | null) {
  return throttleKeys(`2fa:${userId}`, address);
}

/**
 * Turns two-factor sign-in off, given a current code or a recovery code (tries throttled as at
 * sign-in); audited in the same transaction.
 */
export async function disableSecondFactor(
  viewer: Viewer,
  input: { code: string },
  address: string | null,
): Promise<void> {
  const { db, timeouts } = await getDatabase();
  const keys = secondFactorThrottleKeys(viewer.id, address);
  const locked = await withDeadline(timeouts, () => reserveTry(db, keys));
  if (locked) throw new TooManyTries(locked.retryAfterSeconds);
  await withDeadline(timeouts, () =>
    db.transaction(async (tx) => {
      const [factor] = await tx
        .select({ userId: userMfa.userId })
        .from(userMfa)
        .where(eq(userMfa.userId, viewer.id))
        .for("update");
      if (!factor) throw new Conflict("Two-factor sign-in is not on");
      if (!(await acceptSecondFactor(tx, viewer.id, input.code))) {
        throw new Invalid("That code is not right", [
          { field: "code", message: "Enter a current code or a recovery code" },
        ]);
      }
      await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, viewer.id));
      await tx.delete(userMfa).where(eq(userMfa.userId, viewer.id));
      await recordAudit(tx, viewer, {
        action: "mfa.disable",
        targetType: "user",
        targetId: viewer.id,
        targetLabel: viewer.username,
        before: { two_factor: true },
        after: { two_factor: false },
      });
    }),
  );
  await recordSuccess(db, keys);
}
