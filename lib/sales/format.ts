// How sales figures read on screen, shared by server pages and client charts. Amounts carry no
// currency in the data; the dashboard shows them as US dollars. Dates are lib/format.ts's.
import type { Reach, Scope } from "@/lib/rbac/catalog";

export const CURRENCY = "USD";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY });
const wholeMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY, maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: CURRENCY,
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const count = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** $1,234.50 */
export function formatMoney(amount: number): string {
  return money.format(amount);
}

/** $1,235: for totals, where cents are noise. */
export function formatWholeMoney(amount: number): string {
  return wholeMoney.format(amount);
}

/** $1.2K, $3.4M: for chart axes. */
export function formatCompactMoney(amount: number): string {
  return compactMoney.format(amount);
}

export function formatCount(n: number): string {
  return count.format(n);
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? "—" : percent.format(ratio);
}

/** Whose deals a viewer sees, in their words: "Team east's deals and deals in EMEA". */
export function describeScope(
  reach: Reach | null,
  viewer: { team: string | null; regions: readonly string[] },
): string {
  if (!reach) return "No deals";
  const phrases = reach.map((kind): string => {
    switch (kind) {
      case "all":
        return "All deals";
      case "team":
        return viewer.team ? `Team ${viewer.team}'s deals` : "Your team's deals";
      case "reports":
        return "Your reporting line's deals";
      case "region":
        return viewer.regions.length > 0 ? `Deals in ${viewer.regions.join(", ")}` : "Deals in your regions";
      case "own":
        return "Your deals";
    }
  });
  return phrases
    .map((phrase, i) => (i === 0 ? phrase : phrase.charAt(0).toLowerCase() + phrase.slice(1)))
    .join(" and ");
}

/** A role that lets its holders delete sales, and over which rows. */
export interface SaleDeleter {
  role: string;
  /** A base role (admin, analyst, …) rather than a custom one. */
  baseRole: boolean;
  scope: Scope;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** "Only an admin can delete this deal.", with every role that may, in people's words. */
export function describeDeleters(deleters: SaleDeleter[]): string {
  const phrases = [
    ...new Set(
      deleters.map(({ role, baseRole, scope }) => {
        const who = baseRole ? `${article(role)} ${role}` : `someone with the role ${role}`;
        if (scope === "own") return baseRole ? `${who} who owns it` : `its owner with the role ${role}`;
        if (scope === "team") return `${who} in its owner's team`;
        if (scope === "reports") return `${who} above its owner in the reporting line`;
        if (scope === "region") return `${who} responsible for its region`;
        return who;
      }),
    ),
  ];
  if (phrases.length === 0) return "Only a superuser can delete this deal.";
  const list = phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(", ")} or ${phrases.at(-1)}`;
  return `Only ${list} can delete this deal.`;
}
