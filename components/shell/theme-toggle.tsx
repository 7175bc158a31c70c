"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { THEME_COOKIE, nextTheme, type Theme } from "@/lib/theme";

const LABELS = { system: "System theme", light: "Light theme", dark: "Dark theme" } as const;

function Icon({ theme }: { theme: Theme | null }) {
  const common = {
    viewBox: "0 0 16 16",
    className: "size-4",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.5,
    "aria-hidden": true,
  } as const;
  if (theme === "light")
    return (
      <svg {...common}>
        <circle cx="8" cy="8" r="3" />
        <path d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3" />
      </svg>
    );
  if (theme === "dark")
    return (
      <svg {...common}>
        <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
      </svg>
    );
  return (
    <svg {...common}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 2a6 6 0 0 1 0 12Z" fill="currentColor" />
    </svg>
  );
}

/** Cycles the colour theme: the system's, light, dark. The choice is a cookie the server reads. */
export function ThemeToggle({ initial }: { initial: Theme | null }) {
  const [theme, setTheme] = useState(initial);
  const current = LABELS[theme ?? "system"];
  const next = LABELS[nextTheme(theme) ?? "system"];

  function change() {
    const chosen = nextTheme(theme);
    const root = document.documentElement;
    if (chosen) {
      root.dataset.theme = chosen;
      document.cookie = `${THEME_COOKIE}=${chosen}; path=/; max-age=31536000; samesite=lax`;
    } else {
      delete root.dataset.theme;
      document.cookie = `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    }
    setTheme(chosen);
  }

  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      onClick={change}
      aria-label={`${current}. Switch to ${next.toLowerCase()}`}
      title={`${current} (click for ${next.toLowerCase()})`}
      data-theme-choice={theme ?? "system"}
    >
      <Icon theme={theme} />
    </Button>
  );
}
