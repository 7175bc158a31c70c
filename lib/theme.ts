// The colour theme a person chose, kept in a cookie so the server renders <html data-theme> with
// the first byte: no script runs before paint and no page flashes the wrong theme. No cookie means
// "follow the system" (prefers-color-scheme, in app/globals.css).

export const THEME_COOKIE = "theme";

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The stored choice, or null (follow the system) for anything else. */
export function parseTheme(value: string | undefined | null): Theme | null {
  return value === "light" || value === "dark" ? value : null;
}

/** System → light → dark → system. */
export function nextTheme(theme: Theme | null): Theme | null {
  return theme === null ? "light" : theme === "light" ? "dark" : null;
}
