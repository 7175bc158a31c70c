// Authenticated encryption (AES-256-GCM) with keys derived from AUTH_SECRET by HKDF, one key per
// purpose. `context` (e.g. a user id) is bound to the ciphertext: a value sealed for one user
// cannot be moved to another's row. Changing AUTH_SECRET makes every sealed value unreadable.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./secret";

export type SealPurpose = "totp-secret" | "mfa-enrolment" | "sign-in-ticket";

const VERSION = "v1";

function keyFor(purpose: SealPurpose): Buffer {
  return derivedKey("ledgerline", `ledgerline ${purpose} ${VERSION}`);
}

export function seal(purpose: SealPurpose, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    body.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The plaintext, or null for anything not sealed by us for this purpose and context. */
export function unseal(purpose: SealPurpose, sealed: string, context: string): string | null {
  const [version, iv, body, tag, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A sealed JSON value that stops opening after `ttlMs`. */
export function sealFor<T>(purpose: SealPurpose, value: T, context: string, ttlMs: number, now = Date.now()): string {
  return seal(purpose, JSON.stringify({ value, exp: now + ttlMs }), context);
}

export function unsealFresh<T>(purpose: SealPurpose, sealed: string, context: string, now = Date.now()): T | null {
  const text = unseal(purpose, sealed, context);
  if (text === null) return null;
  const parsed = JSON.parse(text) as { value: T; exp: number };
  return parsed.exp > now ? parsed.value : null;
}
