// The response headers that depend on the request or on run-time settings; proxy.ts sets them.
// The fixed ones (nosniff, Referrer-Policy, Permissions-Policy, …) are in next.config.mjs.

/** A fresh, unguessable nonce (128 random bits, base64) for one response's scripts. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of one response. Scripts run only with this response's nonce, and
 * what they load ('strict-dynamic'): Next.js reads the nonce from the request's copy of this header
 * and puts it on its own inline and bundle scripts. Development adds 'unsafe-eval', which React uses
 * there to rebuild server error stacks in the browser.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Styles keep 'unsafe-inline': React renders `style="…"` attributes on the server (charts size
    // their containers that way), which no nonce can cover; a nonce here would also switch
    // 'unsafe-inline' off. Injected CSS cannot run code, so the policy's strength is in script-src.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Two years, subdomains included: the value HSTS preload lists ask for. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Strict-Transport-Security for a production server, unless `HSTS=off`: once a browser has reached
 * a host name through HTTPS, it refuses plain HTTP to it for two years, which a deployment that
 * must stay reachable over plain HTTP cannot have. Never in development (it would pin localhost).
 */
export function strictTransportSecurity(env: { NODE_ENV?: string; HSTS?: string }): string | null {
  if (env.NODE_ENV !== "production") return null;
  if (env.HSTS?.trim().toLowerCase() === "off") return null;
  return HSTS_VALUE;
}
