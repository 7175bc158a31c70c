"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, formatDateTime, formatDay, type DisplaySettings } from "@/lib/format";

const never = () => () => {};
// One string, so React sees the same snapshot until the browser's settings change.
const browserSettings = () =>
  `${navigator.language || DEFAULT_LOCALE}|${Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE}`;
// The server cannot know the browser's locale and zone: it renders the defaults (UTC, named), and the
// browser redraws in its own right after hydration.
const serverSettings = () => `${DEFAULT_LOCALE}|${DEFAULT_TIME_ZONE}`;

/** The viewer's locale and time zone, as their browser reports them. */
export function useDisplaySettings(): DisplaySettings {
  const [locale, timeZone] = useSyncExternalStore(never, browserSettings, serverSettings).split("|");
  return { locale, timeZone };
}

/** A moment, in the viewer's locale and time zone, with the zone named; the UTC time on hover. */
export function DateTime({ value, className }: { value: string | Date | null | undefined; className?: string }) {
  const settings = useDisplaySettings();
  if (!value) return <span className={className}>—</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className}>
      {formatDateTime(iso, settings)}
    </time>
  );
}

/** A calendar date (YYYY-MM-DD) in the viewer's locale. */
export function Day({ date, className }: { date: string; className?: string }) {
  const settings = useDisplaySettings();
  return (
    <time dateTime={date} className={className}>
      {formatDay(date, settings)}
    </time>
  );
}
