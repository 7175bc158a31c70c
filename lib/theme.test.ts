import { describe, expect, it } from "vitest";
import { nextTheme, parseTheme } from "./theme";

describe("the theme cookie", () => {
  it("keeps light and dark, and reads anything else as following the system", () => {
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
    for (const value of [undefined, null, "", "DARK", "blue", "dark; path=/"]) expect(parseTheme(value)).toBeNull();
  });

  it("cycles system → light → dark → system", () => {
    expect(nextTheme(null)).toBe("light");
    expect(nextTheme("light")).toBe("dark");
    expect(nextTheme("dark")).toBeNull();
  });
});
