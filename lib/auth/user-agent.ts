/** "Chrome on Linux", "Safari on iPhone": enough to tell one's own devices apart, or "Unknown device". */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser =
    [
      ["Edge", /Edg\//],
      ["Firefox", /Firefox\//],
      ["Chrome", /(?:Chrome|Chromium|CriOS)\//],
      ["Safari", /Version\/[\d.]+.*Safari\//],
      ["curl", /^curl\//],
    ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] ?? "A browser";
  const system =
    [
      ["iPhone", /iPhone/],
      ["iPad", /iPad/],
      ["Android", /Android/],
      ["Windows", /Windows/],
      ["macOS", /Mac OS X|Macintosh/],
      ["Linux", /Linux|X11/],
    ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] ?? null;
  return system ? `${browser} on ${system}` : String(browser);
}
