// The session cookie as getViewer reads it: the claims Auth.js sealed at sign-in, under either of
// the names Auth.js gives the cookie, and nothing from a cookie it did not seal or that has expired.
import { decode, encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next-auth/jwt", async (original) => {
  const jwt = await original<typeof import("next-auth/jwt")>();
  return { ...jwt, decode: vi.fn(jwt.decode) };
});
const { readSessionCookie } = await import("./session-cookie");

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const claims = { sub: "5b0e3c1e-8d43-4d6e-9d53-2a4f1f7f0a11", sid: "0f6a3f5e-1c2b-4a4f-8e9d-7b6c5d4e3f21", sv: 3 };

function seal(salt: string, options: { secret?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: options.secret ?? SECRET, salt, maxAge: options.maxAge });
}

describe("readSessionCookie", () => {
  beforeEach(() => vi.stubEnv("AUTH_SECRET", SECRET));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
    vi.mocked(decode).mockClear();
    request.headers = new Headers();
  });

  it("reads the claims of the cookie set over plain HTTP", async () => {
    request.headers = new Headers({ cookie: `theme=dark; authjs.session-token=${await seal("authjs.session-token")}` });
    expect(await readSessionCookie()).toEqual({ userId: claims.sub, sessionId: claims.sid, sessionVersion: 3 });
  });

  it("reads the claims of the cookie set over HTTPS", async () => {
    const name = "__Secure-authjs.session-token";
    request.headers = new Headers({ cookie: `${name}=${await seal(name)}` });
    expect(await readSessionCookie()).toMatchObject({ userId: claims.sub, sessionId: claims.sid });
  });

  it("refuses a cookie sealed with another secret, or under the other name's salt", async () => {
    request.headers = new Headers({
      cookie: `authjs.session-token=${await seal("authjs.session-token", { secret: "another-secret-entirely-0123456789abcdef" })}`,
    });
    expect(await readSessionCookie()).toBeNull();
    request.headers = new Headers({ cookie: `authjs.session-token=${await seal("__Secure-authjs.session-token")}` });
    expect(await readSessionCookie()).toBeNull();
  });

  it("refuses an expired cookie", async () => {
    request.headers = new Headers({
      cookie: `authjs.session-token=${await seal("authjs.session-token", { maxAge: -60 })}`,
    });
    expect(await readSessionCookie()).toBeNull();
  });

  it("takes nothing from an Authorization header, where API tokens travel", async () => {
    request.headers = new Headers({ authorization: `Bearer ${await seal("authjs.session-token")}` });
    expect(await readSessionCookie()).toBeNull();
  });

  it("decrypts a cookie once, then knows it by its text", async () => {
    request.headers = new Headers({ cookie: `authjs.session-token=${await seal("authjs.session-token")}` });
    const first = await readSessionCookie();
    const second = await readSessionCookie();
    expect(second).toEqual(first);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("stops taking a cookie it knows once the cookie has expired", async () => {
    request.headers = new Headers({
      cookie: `authjs.session-token=${await seal("authjs.session-token", { maxAge: 60 })}`,
    });
    expect(await readSessionCookie()).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 120_000);
    expect(await readSessionCookie()).toBeNull();
  });

  it("keeps nothing of a cookie that did not open", async () => {
    const forged = `authjs.session-token=${await seal("authjs.session-token", { secret: "another-secret-entirely-0123456789abcdef" })}`;
    request.headers = new Headers({ cookie: forged });
    expect(await readSessionCookie()).toBeNull();
    expect(await readSessionCookie()).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
  });
});
