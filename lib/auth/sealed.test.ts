import { describe, expect, it } from "vitest";
import { seal, sealFor, unseal, unsealFresh } from "./sealed";
import { acceptedStep, codeAt, hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret } from "./totp";

describe("sealed values", () => {
  it("open only for the same purpose and context", () => {
    const sealed = seal("totp-secret", "JBSWY3DPEHPK3PXP", "user-1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal("totp-secret", sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal("totp-secret", sealed, "user-2")).toBeNull();
    expect(unseal("sign-in-ticket", sealed, "user-1")).toBeNull();
    const [version, iv, body = "", tag] = sealed.split(".");
    const flipped = `${body[0] === "A" ? "B" : "A"}${body.slice(1)}`;
    expect(unseal("totp-secret", [version, iv, flipped, tag].join("."), "user-1")).toBeNull();
    expect(unseal("totp-secret", "not sealed", "user-1")).toBeNull();
  });

  it("a sealed value with a lifetime stops opening when it ends", () => {
    const sealed = sealFor("sign-in-ticket", { id: "u" }, "sign-in", 60_000, 1_000_000);
    expect(unsealFresh("sign-in-ticket", sealed, "sign-in", 1_000_000 + 59_000)).toEqual({ id: "u" });
    expect(unsealFresh("sign-in-ticket", sealed, "sign-in", 1_000_000 + 60_000)).toBeNull();
  });
});

describe("TOTP codes", () => {
  const secret = newTotpSecret();
  const now = Date.parse("2026-06-01T12:00:10Z");

  it("accepts the current step and one either side, nothing further", () => {
    const step = Math.floor(now / 30_000);
    expect(acceptedStep(secret, codeAt(secret, now), now)).toBe(step);
    expect(acceptedStep(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(acceptedStep(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1);
    expect(acceptedStep(secret, codeAt(secret, now + 90_000), now)).toBeNull();
    expect(acceptedStep(secret, "12345", now)).toBeNull();
    expect(acceptedStep(newTotpSecret(), codeAt(secret, now), now)).toBeNull();
  });

  it("recovery codes are distinct, recognisable and hashed without case or dashes", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(looksLikeRecoveryCode(codes[0] as string)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(hashRecoveryCode((codes[0] as string).toUpperCase().replaceAll("-", " "))).toBe(
      hashRecoveryCode(codes[0] as string),
    );
  });
});
