import { describe, expect, it } from "vitest";
import { parseTrustedProxies, trustedClientAddress, UNREADABLE_ADDRESS } from "./client-address";

describe("the client's address", () => {
  const none = parseTrustedProxies("");
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.10 fd00::/8");

  it("is the socket's peer when no proxy is trusted, whatever the header says", () => {
    expect(trustedClientAddress("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(trustedClientAddress("::ffff:127.0.0.2", "1.2.3.4, 5.6.7.8", none)).toBe("127.0.0.2");
    expect(trustedClientAddress("2001:db8::5", undefined, none)).toBe("2001:db8::5");
  });

  it("is the peer when the peer is not one of the trusted proxies", () => {
    expect(trustedClientAddress("203.0.113.7", "198.51.100.1", proxies)).toBe("203.0.113.7");
  });

  it("is the rightmost untrusted forwarded entry behind trusted proxies", () => {
    expect(trustedClientAddress("10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(trustedClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.10", proxies)).toBe("198.51.100.1");
    expect(trustedClientAddress("fd00::1", ["6.6.6.6", "2001:db8::9"], proxies)).toBe("2001:db8::9");
  });

  it("counts garbage as one shared unreadable address, never as itself", () => {
    expect(trustedClientAddress("10.1.2.3", `${"x".repeat(10_000)}, 198.51.100.1`, proxies)).toBe("198.51.100.1");
    expect(trustedClientAddress("10.1.2.3", "198.51.100.1, not-an-ip", proxies)).toBe(UNREADABLE_ADDRESS);
    expect(trustedClientAddress(undefined, "198.51.100.1", none)).toBe(UNREADABLE_ADDRESS);
  });

  it("is the peer itself when a trusted proxy forwards nothing", () => {
    expect(trustedClientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an IP/);
  });
});
