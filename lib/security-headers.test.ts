import { describe, expect, it } from "vitest";
import { HSTS_VALUE, contentSecurityPolicy, newNonce, strictTransportSecurity } from "./security-headers";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((entry) => entry.startsWith(`${name} `))
    ?.split(" ")
    .slice(1) ?? [];

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the response's nonce and what they load", () => {
    expect(directive(contentSecurityPolicy("abc="), "script-src")).toEqual([
      "'self'",
      "'nonce-abc='",
      "'strict-dynamic'",
    ]);
  });

  it("adds 'unsafe-eval' in development only, and never 'unsafe-inline' for scripts", () => {
    const development = directive(contentSecurityPolicy("abc=", { development: true }), "script-src");
    expect(development).toContain("'unsafe-eval'");
    expect(development).not.toContain("'unsafe-inline'");
  });

  it("keeps the page out of frames and plugins", () => {
    const policy = contentSecurityPolicy("abc=");
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("strictTransportSecurity", () => {
  it("pins HTTPS for two years, subdomains included, in production", () => {
    expect(strictTransportSecurity({ NODE_ENV: "production" })).toBe("max-age=63072000; includeSubDomains");
    expect(HSTS_VALUE).toBe("max-age=63072000; includeSubDomains");
  });

  it("is left out with HSTS=off, for a deployment served over plain HTTP", () => {
    expect(strictTransportSecurity({ NODE_ENV: "production", HSTS: "off" })).toBeNull();
    expect(strictTransportSecurity({ NODE_ENV: "production", HSTS: " OFF " })).toBeNull();
    expect(strictTransportSecurity({ NODE_ENV: "production", HSTS: "on" })).toBe(HSTS_VALUE);
  });

  it("is never sent in development, where it would pin localhost to HTTPS", () => {
    expect(strictTransportSecurity({ NODE_ENV: "development" })).toBeNull();
    expect(strictTransportSecurity({})).toBeNull();
  });
});
