"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
// The server cannot know the browser's zone: it renders UTC, which is also what it assumes when
// the hidden field arrives empty (no JavaScript).
const serverZone = () => "UTC";

/** The IANA time zone the browser reads local times in, e.g. "Europe/Paris". */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(never, browserZone, serverZone);
}

/** A hidden field telling the server which zone a datetime-local value was typed in. */
export function TimeZoneInput({ name, zone }: { name: string; zone: string }) {
  return <input type="hidden" name={name} value={zone} />;
}
