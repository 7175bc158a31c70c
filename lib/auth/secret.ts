import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * AUTH_SECRET signs session cookies. Production must set it; in development a random secret is
 * generated once and kept under .data/ so sessions survive restarts.
 */
export function authSecret(): string {
  const configured = process.env.AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set in production (e.g. `openssl rand -base64 32`).");
  }
  const file = path.join(process.cwd(), ".data", "dev-auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

const derived = new Map<string, Buffer>();

/**
 * A 32-byte key for one purpose, derived from AUTH_SECRET with HKDF-SHA-256, made once per
 * secret and purpose (a request may need several, and HKDF is not free).
 */
export function derivedKey(salt: string, info: string): Buffer {
  const secret = authSecret();
  const id = JSON.stringify([secret, salt, info]);
  let key = derived.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, salt, info, 32));
    derived.set(id, key);
  }
  return key;
}
