import "server-only";
import { headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { authSecret } from "./secret";

/** Who a session cookie names: its user, its row in user_sessions and the version it was signed in at. */
export interface SessionIdentity {
  userId: string;
  sessionId: string;
  sessionVersion: number;
}

/**
 * This request's session as its cookie says (the claims the jwt callback in ./config seals at sign-in),
 * or null. Read with the JWT decoder rather than `auth()`, which also encrypts a refreshed cookie on
 * every call: a page cannot set it, and the cookie lives as long as a session may anyway. Auth.js
 * names the cookie `__Secure-…` when it was set over HTTPS; either name is tried, and only the
 * cookie header is given to the decoder (not an API token's Authorization header).
 */
export async function readSessionCookie(): Promise<SessionIdentity | null> {
  const cookie = (await headers()).get("cookie");
  if (!cookie) return null;
  const req = { headers: new Headers({ cookie }) };
  const secret = authSecret();
  const token =
    (await getToken({ req, secret, secureCookie: true })) ?? (await getToken({ req, secret, secureCookie: false }));
  if (!token?.sub || !token.sid) return null;
  return { userId: token.sub, sessionId: token.sid, sessionVersion: token.sv ?? -1 };
}
