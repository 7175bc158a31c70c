// How sales figures read on screen, shared by server pages and client charts. Amounts carry no
// currency in the data; the dashboard shows them as US dollars. Dates are lib/format.ts's.

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

/** Whose deals a viewer sees, in his words. */
export function describeScope(scope: "own" | "team" | "all" | null, team: string | null): string {
  if (scope === "all") return "All deals";
  if (scope === "team") return team ? `Team ${team}'s deals` : "Your team's deals";
  if (scope === "own") return "Your deals";
  return "No deals";
}

/** A role that lets its holders delete sales, and over which rows. */
export interface SaleDeleter {
  role: string;
  /** A base role (admin, analyst, …) rather than a custom one. */
  baseRole: boolean;
  scope: "own" | "team" | "all";
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
        return who;
      }),
    ),
  ];
  if (phrases.length === 0) return "Only a superuser can delete this deal.";
  const list = phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(", ")} or ${phrases.at(-1)}`;
  return `Only ${list} can delete this deal.`;
}
