import "server-only";
import { and, desc, eq, gt, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDatabase, InvalidSetting, withDeadline, type Queryable } from "@/db/client";
import { users, userSessions } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { Invalid, NotFound, TooManyTries } from "@/lib/errors";
import { requireAdmin } from "@/lib/rbac/access";
import { recordAudit } from "@/lib/rbac/audit";
import { hashPassword, verifyPassword } from "./password";
import type { Viewer } from "./principal";
import { recordSuccess, reserveTry, throttleKeys } from "./throttle";

// Sessions one can see and end: a row per sign-in, checked on every request with the user
// (lib/auth/principal.ts, loadViewerBySession), ended by signing out, from the account page, by an
// admin, or by a password change.

export interface SessionSettings {
  /** A session not seen for this long is over (SESSION_IDLE_MINUTES, default 60). */
  idleMinutes: number;
  /** A session is over this long after sign-in, however active (SESSION_MAX_HOURS, default 8). */
  maxHours: number;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidSetting(`${name} must be a positive number, got ${value}`);
  return n;
}

export function sessionSettings(env: NodeJS.ProcessEnv = process.env): SessionSettings {
  return {
    idleMinutes: positive("SESSION_IDLE_MINUTES", env.SESSION_IDLE_MINUTES, 60),
    maxHours: positive("SESSION_MAX_HOURS", env.SESSION_MAX_HOURS, 8),
  };
}

export interface ClientDetails {
  address: string | null;
  userAgent: string | null;
}

/** Records a sign-in; answers the session's id, which the session cookie carries. */
export async function startSession(
  db: Queryable,
  userId: string,
  client: ClientDetails,
  settings = sessionSettings(),
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({
      userId,
      expiresAt: sql`now() + make_interval(secs => ${settings.maxHours * 3600})`,
      address: client.address?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** Why a session ended, as its row records it. */
export type SessionEndReason =
  "signed out" | "ended" | "ended by an admin" | "password changed" | "second factor reset";

/**
 * Ends the not yet ended sessions that `where` names, recording `reason`; answers how many ended.
 * Every way a session ends goes through here.
 */
export async function endSessionsWhere(
  db: Queryable,
  where: SQL | undefined,
  reason: SessionEndReason,
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: sql`now()`, endedReason: reason })
    .where(and(isNull(userSessions.endedAt), where))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** The sessions of `userId`, all of them or all but `keepId`. */
export function sessionsOf(userId: string, keepId: string | null = null): SQL | undefined {
  return and(eq(userSessions.userId, userId), keepId ? ne(userSessions.id, keepId) : undefined);
}

/** Ends one session (signing out); nothing happens when it has already ended. */
export async function endSession(db: Queryable, sessionId: string, reason: SessionEndReason): Promise<void> {
  await endSessionsWhere(db, eq(userSessions.id, sessionId), reason);
}

/**
 * Ends this request's session row when its owner signs out. The caller clears the cookie whatever
 * happens here, so a database failure does not keep anyone signed in; it is logged with the
 * session's id and answered as false, for the sign-in page to say the session record stayed open.
 */
export async function endSessionForSignOut(sessionId: string | null): Promise<boolean> {
  if (!sessionId) return true;
  try {
    const { db, timeouts } = await getDatabase();
    await withDeadline(timeouts, () => endSession(db, sessionId, "signed out"));
    return true;
  } catch (error) {
    console.error(`Sign-out could not end session ${sessionId}: it stays valid until it idles out`, error);
    return false;
  }
}

/** A session as its owner sees it on the account page. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
  current: boolean;
  /** A view-as preview open in this session: whose dashboard, and until when. */
  viewAs: { username: string; until: Date } | null;
}

/** Still-live sessions of `userId`, newest first, as `where` for the statements below. */
function live(userId: string, settings: SessionSettings) {
  return and(
    eq(userSessions.userId, userId),
    isNull(userSessions.endedAt),
    gt(userSessions.expiresAt, sql`now()`),
    gt(userSessions.lastSeenAt, sql`now() - make_interval(secs => ${settings.idleMinutes * 60})`),
  );
}

/** The viewer's own live sessions; `currentId` is the one this request came with. */
export async function listOwnSessions(
  viewer: Viewer,
  currentId: string | null,
  settings = sessionSettings(),
): Promise<SessionView[]> {
  const rows = await withViewer(viewer, (tx) =>
    tx
      .select({
        id: userSessions.id,
        createdAt: userSessions.createdAt,
        lastSeenAt: userSessions.lastSeenAt,
        expiresAt: userSessions.expiresAt,
        address: userSessions.address,
        userAgent: userSessions.userAgent,
        viewAsUsername: users.username,
        viewAsUntil: userSessions.viewAsUntil,
      })
      .from(userSessions)
      .leftJoin(users, and(eq(users.id, userSessions.viewAsUserId), gt(userSessions.viewAsUntil, sql`now()`)))
      .where(live(viewer.id, settings))
      .orderBy(desc(userSessions.lastSeenAt))
      .limit(100),
  );
  return rows.map(({ viewAsUsername, viewAsUntil, ...row }) => ({
    ...row,
    current: row.id === currentId,
    viewAs: viewAsUsername && viewAsUntil ? { username: viewAsUsername, until: viewAsUntil } : null,
  }));
}

/** Ends one of the viewer's own sessions (any of them, this one included). */
export async function endOwnSession(viewer: Viewer, sessionId: string): Promise<void> {
  await withViewer(viewer, async (tx) => {
    const where = and(eq(userSessions.id, sessionId), eq(userSessions.userId, viewer.id));
    if ((await endSessionsWhere(tx, where, "ended")) === 0) throw new NotFound("No such session");
  });
}

/** Ends every session of the viewer's but `keepId`; answers how many ended. */
export async function endOtherSessions(viewer: Viewer, keepId: string | null): Promise<number> {
  return withViewer(viewer, (tx) => endSessionsWhere(tx, sessionsOf(viewer.id, keepId), "ended"));
}

/** An admin ends every session of a user (signed out everywhere on their next request); audited. */
export async function endAllSessionsOf(admin: Viewer, userId: string): Promise<number> {
  requireAdmin(admin);
  return withViewer(admin, async (tx) => {
    const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw new NotFound("No such user");
    const ended = await endSessionsWhere(tx, sessionsOf(userId), "ended by an admin");
    await recordAudit(tx, admin, {
      action: "user.sessions_end",
      targetType: "user",
      targetId: userId,
      targetLabel: user.username,
      before: null,
      after: { sessions_ended: ended },
    });
    return ended;
  });
}

/** Refused as new passwords: the commonest ones of 12 characters and more, and the demo's. */
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "qwertyuiopasdf",
  "qwertyuiop12",
  "qwerty123456",
  "password1234",
  "password12345",
  "passwordpassword",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "administrator",
  "changeme1234",
  "111111111111",
  "000000000000",
  "aaaaaaaaaaaa",
  "abcdefghijkl",
  "abc123abc123",
  "correct-horse-battery",
  "correcthorsebatterystaple",
  "correct horse battery staple",
]);

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

/** Why `password` may not become `username`'s new password, or null when it may. */
export function weakPasswordReason(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "This password is too common. Choose another.";
  if (lower.includes(username.toLowerCase())) return "Choose a password that does not contain your username.";
  return null;
}

/**
 * Checks that `password` is the signed-in viewer's password, as one try of the sign-in throttle
 * for their account at `address` (the same budget as signing in): refused with when to retry
 * while locked; a wrong password counts, a right one starts the account at the address over.
 */
export async function confirmOwnPassword(
  viewer: Viewer,
  password: string,
  address: string | null,
  field = "current",
): Promise<void> {
  const { db, timeouts } = await getDatabase();
  const keys = throttleKeys(viewer.id, address);
  const locked = await withDeadline(timeouts, () => reserveTry(db, keys));
  if (locked) {
    console.warn(`Password confirmation throttled for ${viewer.username} from ${address ?? "an unknown address"}`);
    throw new TooManyTries(locked.retryAfterSeconds, "passwords");
  }
  // Password hashes are read by the login, never by the request's role.
  const [row] = await withDeadline(timeouts, () =>
    db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id)).limit(1),
  );
  if (!row || !(await verifyPassword(row.passwordHash, password))) {
    console.warn(`Password confirmation failed for ${viewer.username} from ${address ?? "an unknown address"}`);
    throw new Invalid("That is not your current password.", [{ field, message: "That is not your current password." }]);
  }
  await withDeadline(timeouts, () => recordSuccess(db, keys));
}

/**
 * Changes the viewer's password when `current` is their password now (a throttled try, as at
 * sign-in), and ends their other sessions, in one transaction with its audit row. Answers how
 * many sessions ended.
 */
export async function changeOwnPassword(
  viewer: Viewer,
  input: { current: string; next: string },
  keepSessionId: string | null,
  address: string | null,
): Promise<number> {
  await confirmOwnPassword(viewer, input.current, address);
  const next = input.next;
  const reason = weakPasswordReason(next, viewer.username);
  if (reason) throw new Invalid(reason, [{ field: "next", message: reason }]);
  const passwordHash = await hashPassword(next);
  return withViewer(viewer, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, viewer.id));
    const ended = await endSessionsWhere(tx, sessionsOf(viewer.id, keepSessionId), "password changed");
    await recordAudit(tx, viewer, {
      action: "user.password_change",
      targetType: "user",
      targetId: viewer.id,
      targetLabel: viewer.username,
      before: null,
      after: { other_sessions_ended: ended },
    });
    return ended;
  });
}
