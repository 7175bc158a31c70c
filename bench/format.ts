// Numbers as the report prints them.
import type { Figure, Unit } from "./stats";

const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "—";
  switch (unit) {
    case "ms":
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case "µs":
      return `${value.toFixed(2)} µs`;
    case "×":
      return value >= 100 ? `${integer.format(value)}×` : `${value.toFixed(2)}×`;
    case "MB":
      return `${value.toFixed(1)} MB`;
    case "checks/s":
    case "rows/s":
    case "req/s":
      return value >= 1_000_000 ? `${(value / 1_000_000).toFixed(2)} M ${unit}` : `${integer.format(value)} ${unit}`;
    default:
      return `${integer.format(value)} ${unit}`;
  }
}

export function formatTarget(figure: Figure): string {
  if (!figure.target) return "";
  return `${figure.target.op === "<=" ? "≤" : "≥"} ${formatValue(figure.target.value, figure.unit)}`;
}

export function formatRounds(figure: Figure): string {
  return figure.rounds.map((value) => formatValue(value, figure.unit).replace(/ .*$/, "")).join(" · ");
}
