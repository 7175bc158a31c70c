// Every date and time the app shows, in one format: the viewer's locale, and for moments (a grant's
// expiry, an audit entry) the viewer's time zone, named. Moments are stored in UTC; calendar dates
// (a sale's closing day) have no zone and read the same everywhere. Server code that cannot know
// the viewer uses the defaults, so what it writes names UTC.

export interface DisplaySettings {
  /** A BCP 47 tag, e.g. "en-GB"; the browser's language in the client. */
  locale?: string;
  /** An IANA zone, e.g. "Europe/Paris"; the browser's zone in the client. */
  timeZone?: string;
}

export const DEFAULT_LOCALE = "en-US";
export const DEFAULT_TIME_ZONE = "UTC";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to make; each distinct one is made once. */
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? DEFAULT_LOCALE}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    try {
      made = new Intl.DateTimeFormat(locale ?? DEFAULT_LOCALE, options);
    } catch {
      // An unknown locale or zone from a browser: fall back rather than fail the page.
      made = new Intl.DateTimeFormat(DEFAULT_LOCALE, { ...options, timeZone: options.timeZone && DEFAULT_TIME_ZONE });
    }
    formatters.set(key, made);
  }
  return made;
}

/** "Oct 17, 2026, 2:05 PM UTC"; in Paris for a French browser, "17 oct. 2026, 16:05 UTC+2". */
export function formatDateTime(value: Date | string | null | undefined, settings: DisplaySettings = {}): string {
  if (!value) return "—";
  return formatter(settings.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: settings.timeZone ?? DEFAULT_TIME_ZONE,
  })
    .format(new Date(value))
    .concat(" ", zoneName(new Date(value), settings));
}

/** The zone's short name at that moment ("UTC", "EDT", "GMT+2"), as the locale writes it. */
export function zoneName(at: Date, settings: DisplaySettings = {}): string {
  const parts = formatter(settings.locale, {
    timeZone: settings.timeZone ?? DEFAULT_TIME_ZONE,
    timeZoneName: "short",
  }).formatToParts(at);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? settings.timeZone ?? DEFAULT_TIME_ZONE;
}

/** "2026-10-17" → "Oct 17, 2026": a calendar date, the same day in every zone. */
export function formatDay(date: string, settings: DisplaySettings = {}): string {
  return formatter(settings.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/** "2026-10" → "October 2026" */
export function formatMonth(month: string, settings: DisplaySettings = {}): string {
  return formatter(settings.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(monthDate(month));
}

/** "2026-10" → "Oct 26" */
export function formatShortMonth(month: string, settings: DisplaySettings = {}): string {
  return formatter(settings.locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(monthDate(month));
}

/** "Nov 1, 2025 – Oct 31, 2026", "Since Jan 1, 2026", "All time". */
export function describeRange(range: { from?: string; to?: string }, settings: DisplaySettings = {}): string {
  if (range.from && range.to) return `${formatDay(range.from, settings)} – ${formatDay(range.to, settings)}`;
  if (range.from) return `Since ${formatDay(range.from, settings)}`;
  if (range.to) return `Until ${formatDay(range.to, settings)}`;
  return "All time";
}

export function formatRelativeDays(value: Date | string, now = new Date()): string {
  const days = Math.round((new Date(value).getTime() - now.getTime()) / 86_400_000);
  if (days === 0) return "today";
  return days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
}

/** How long until `value`, in the largest whole unit that fits: "in 45 minutes", "in 5 hours", "in 3 days". */
export function formatTimeLeft(value: Date | string, now = new Date()): string {
  const minutes = Math.floor((new Date(value).getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return "in under a minute";
  const [amount, unit] =
    minutes < 60
      ? [minutes, "minute"]
      : minutes < 1440
        ? [Math.floor(minutes / 60), "hour"]
        : [Math.floor(minutes / 1440), "day"];
  return `in ${amount} ${unit}${amount === 1 ? "" : "s"}`;
}
