import "server-only";
import { headers } from "next/headers";
import { decode, getToken } from "next-auth/jwt";
import { authSecret } from "./secret";

/** Who a session cookie names: its user, its row in user_sessions and the version it was signed in at. */
export interface SessionIdentity {
  userId: string;
  sessionId: string;
  sessionVersion: number;
}

// Auth.js names the cookie by the scheme it was set over: `__Secure-` in front on HTTPS.
const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * Cookies opened before, by their sealed text: the same text always opens to the same claims, so
 * each is decrypted once and then only its expiry is checked. Only a cookie that opened is kept (a
 * forged one never enters), the oldest first out beyond the bound.
 */
const opened = new Map<string, { identity: SessionIdentity | null; expiresAt: number }>();
const OPENED_MAX = 2_000;

async function open(token: string, salt: string): Promise<SessionIdentity | null> {
  const known = opened.get(token);
  if (known) return known.expiresAt > Date.now() ? known.identity : null;
  const claims = await decode({ token, salt, secret: authSecret() }).catch(() => null);
  if (!claims || typeof claims.exp !== "number") return null;
  const identity =
    claims.sub && claims.sid ? { userId: claims.sub, sessionId: claims.sid, sessionVersion: claims.sv ?? -1 } : null;
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value as string);
  opened.set(token, { identity, expiresAt: claims.exp * 1000 });
  return identity;
}

/**
 * This request's session as its cookie says (the claims the jwt callback in ./config seals at
 * sign-in), or null. Read with the JWT decoder rather than `auth()`, which also encrypts a
 * refreshed cookie on every call: a page cannot set it, and the cookie lives as long as a session
 * may anyway. Either cookie name is tried, and only the cookie header is read (not an API token's
 * Authorization header).
 */
export async function readSessionCookie(): Promise<SessionIdentity | null> {
  const cookie = (await headers()).get("cookie");
  if (!cookie) return null;
  const req = { headers: new Headers({ cookie }) };
  for (const cookieName of COOKIE_NAMES) {
    // The raw text, its chunks joined when Auth.js split a long cookie.
    const token = await getToken({ req, cookieName, raw: true });
    const identity = token ? await open(token, cookieName) : null;
    if (identity) return identity;
  }
  return null;
}
