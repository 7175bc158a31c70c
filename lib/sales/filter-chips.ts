// The list's active filters as removable chips: each says what narrows the list, in people's
// words, and links to the same list without it (sort and page size kept, back to page 1).
import { formatDay } from "@/lib/format";
import { formatMoney } from "./format";
import { listHref, type SaleFilters, type SaleListQuery, type SaleStatus } from "./schemas";

export interface FilterChip {
  /** The filter's field in `SaleFilters`. */
  filter: keyof SaleFilters;
  label: string;
  value: string;
  /** The list without this filter. */
  removeHref: string;
}

const STATUS_WORDS: Record<SaleStatus, string> = { open: "Open", won: "Won", lost: "Lost" };

const LABELS: Record<keyof SaleFilters, string> = {
  search: "Customer",
  region: "Region",
  status: "Status",
  ownerId: "Owner",
  from: "Closed from",
  to: "Closed to",
  minAmount: "At least",
  maxAmount: "At most",
};

const ORDER: (keyof SaleFilters)[] = ["search", "region", "status", "ownerId", "from", "to", "minAmount", "maxAmount"];

/** The chips of the query's filters, in the panel's order; `ownerNames` maps an owner id to a name. */
export function filterChips(
  basePath: string,
  query: SaleListQuery,
  ownerNames: ReadonlyMap<string, string>,
): FilterChip[] {
  const { filters } = query;
  const describe = (filter: keyof SaleFilters): string | undefined => {
    switch (filter) {
      case "search":
        return filters.search ? `“${filters.search}”` : undefined;
      case "region":
        return filters.region;
      case "status":
        return filters.status ? STATUS_WORDS[filters.status] : undefined;
      case "ownerId":
        return filters.ownerId ? (ownerNames.get(filters.ownerId) ?? "someone no longer listed") : undefined;
      case "from":
        return filters.from ? formatDay(filters.from) : undefined;
      case "to":
        return filters.to ? formatDay(filters.to) : undefined;
      case "minAmount":
        return filters.minAmount !== undefined ? formatMoney(filters.minAmount) : undefined;
      case "maxAmount":
        return filters.maxAmount !== undefined ? formatMoney(filters.maxAmount) : undefined;
    }
  };
  return ORDER.flatMap((filter) => {
    const value = describe(filter);
    if (value === undefined) return [];
    const removeHref = listHref(basePath, query, { filters: { ...filters, [filter]: undefined } });
    return [{ filter, label: LABELS[filter], value, removeHref }];
  });
}
