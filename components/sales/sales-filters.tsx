import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { columnsToParam } from "@/lib/sales/columns";
import { filterChips } from "@/lib/sales/filter-chips";
import type { Owner } from "@/lib/sales/queries";
import {
  formatSort,
  listQueryToSearchParams,
  SALE_STATUSES,
  DEFAULT_SORT,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type FilterContradiction,
  type SaleListQuery,
} from "@/lib/sales/schemas";
import { FilterPanel } from "./filter-panel";
import { OwnerFilter } from "./owner-filter";
import { ListFilterForm, ListFilterSubmit, ListLink } from "./list-navigation";
import { STATUS_LABELS } from "./status-badge";

type SalesFiltersProps = {
  query: SaleListQuery;
  regions: string[];
  /** False when the viewer only sees their own rows: then there is no owner to choose. */
  showOwner: boolean;
  /** The person the list is filtered by, when the address names one the viewer can see. */
  owner: Owner | null;
  /** Pairs of filters that rule each other out: kept as written, marked, and explained. */
  contradictions: FilterContradiction[];
};

const PAGE_SIZES = [25, 50, 100, MAX_PAGE_SIZE];

const SORT_CHOICES = [
  { value: "-closed_at", label: "Closed, newest first" },
  { value: "closed_at", label: "Closed, oldest first" },
  { value: "-amount", label: "Amount, largest first" },
  { value: "amount", label: "Amount, smallest first" },
  { value: "customer", label: "Customer, A to Z" },
  { value: "-customer", label: "Customer, Z to A" },
  { value: "product", label: "Product, A to Z" },
  { value: "-product", label: "Product, Z to A" },
  { value: "region", label: "Region, A to Z" },
  { value: "-region", label: "Region, Z to A" },
  { value: "status", label: "Status, A to Z" },
  { value: "-status", label: "Status, Z to A" },
  { value: "owner", label: "Owner, A to Z" },
  { value: "-owner", label: "Owner, Z to A" },
  { value: "-created_at", label: "Recorded, newest first" },
  { value: "created_at", label: "Recorded, oldest first" },
] as const;

function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

/**
 * A GET form onto /sales: submitting puts the filters in the URL (page back to 1), so any view can
 * be bookmarked or shared. The server reads them back; nothing is filtered in the browser.
 */
export function SalesFilters({ query, regions, showOwner, owner, contradictions }: SalesFiltersProps) {
  const { filters } = query;
  const sort = formatSort(query.sort);
  // The inputs of a contradicting pair point at the message that explains it.
  const flag = (pair: FilterContradiction["pair"]) =>
    contradictions.some((c) => c.pair === pair)
      ? { "aria-invalid": true, "aria-describedby": "filter-contradictions" }
      : {};
  const chips = filterChips("/sales", query, new Map(owner ? [[owner.id, owner.name]] : []));
  const clearAll = listQueryToSearchParams({ ...query, filters: {}, page: 1, after: undefined }).toString();
  return (
    <FilterPanel
      id="sales-filter-panel"
      activeCount={chips.length}
      startOpen={contradictions.length > 0}
      summary={
        chips.length > 0 && (
          <>
            <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2">
              {chips.map((chip) => (
                <li key={chip.filter}>
                  <ListLink
                    href={chip.removeHref}
                    aria-label={`Remove filter ${chip.label}: ${chip.value}`}
                    className="inline-flex items-center gap-1.5 rounded-full border border-accent/30 bg-accent-soft px-2.5 py-1 text-xs font-medium text-accent hover:bg-accent/10 aria-busy:opacity-60"
                  >
                    <span>
                      {chip.label}: {chip.value}
                    </span>
                    <span aria-hidden className="text-sm leading-none">
                      ×
                    </span>
                  </ListLink>
                </li>
              ))}
            </ul>
            {chips.length > 1 && (
              <ListLink
                href={clearAll ? `/sales?${clearAll}` : "/sales"}
                className={buttonClass({ variant: "link", size: "sm" })}
              >
                Clear all
              </ListLink>
            )}
          </>
        )
      }
    >
      <ListFilterForm
        // A new address gives the fields its values, also those the person had typed and then removed as a chip.
        key={listQueryToSearchParams({ ...query, page: 1, after: undefined }).toString()}
        action="/sales"
        aria-label="Filter sales"
        className="grid gap-3 rounded-lg border bg-background p-4"
      >
        {/* Filtering keeps the columns chosen in the table's Columns menu. */}
        {query.columns && <input type="hidden" name="cols" value={columnsToParam(query.columns)} />}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <FilterField id="filter-q" label="Search customer">
            <Input id="filter-q" name="q" type="search" defaultValue={filters.search ?? ""} maxLength={100} />
          </FilterField>
          <FilterField id="filter-region" label="Region">
            <Select id="filter-region" name="region" defaultValue={filters.region ?? ""}>
              <option value="">All regions</option>
              {regions.map((region) => (
                <option key={region}>{region}</option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="filter-status" label="Status">
            <Select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">Any status</option>
              {SALE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </FilterField>
          {showOwner && (
            <FilterField id="filter-owner" label="Owner">
              <OwnerFilter id="filter-owner" name="owner_id" initial={owner} />
            </FilterField>
          )}
          <FilterField id="filter-from" label="Closed from">
            <Input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} {...flag("dates")} />
          </FilterField>
          <FilterField id="filter-to" label="Closed to">
            <Input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} {...flag("dates")} />
          </FilterField>
          <FilterField id="filter-min" label="Minimum amount (USD)">
            <Input
              id="filter-min"
              name="min_amount"
              type="number"
              min={0}
              step="0.01"
              inputMode="decimal"
              defaultValue={filters.minAmount ?? ""}
              {...flag("amount")}
            />
          </FilterField>
          <FilterField id="filter-max" label="Maximum amount (USD)">
            <Input
              id="filter-max"
              name="max_amount"
              type="number"
              min={0}
              step="0.01"
              inputMode="decimal"
              defaultValue={filters.maxAmount ?? ""}
              {...flag("amount")}
            />
          </FilterField>
        </div>
        {contradictions.length > 0 && (
          <Alert id="filter-contradictions" variant="warning" title="These filters cannot match any deal">
            <ul className="grid gap-0.5">
              {contradictions.map((c) => (
                <li key={c.pair}>{c.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex flex-wrap items-end gap-3">
            {/* The table's headers sort too; this is the way to sort where the rows are cards (phones). */}
            <FilterField id="filter-sort" label="Sort by">
              <Select id="filter-sort" name="sort" defaultValue={sort === DEFAULT_SORT ? "" : sort} className="w-56">
                {SORT_CHOICES.filter((choice) => showOwner || !choice.value.endsWith("owner")).map((choice) => (
                  <option key={choice.value} value={choice.value === DEFAULT_SORT ? "" : choice.value}>
                    {choice.label}
                  </option>
                ))}
              </Select>
            </FilterField>
            <FilterField id="filter-page-size" label="Rows per page">
              <Select
                id="filter-page-size"
                name="page_size"
                defaultValue={query.pageSize === DEFAULT_PAGE_SIZE ? "" : String(query.pageSize)}
                className="w-24"
              >
                {PAGE_SIZES.map((size) => (
                  // The default travels as a blank, which the address leaves out.
                  <option key={size} value={size === DEFAULT_PAGE_SIZE ? "" : size}>
                    {size}
                  </option>
                ))}
              </Select>
            </FilterField>
          </div>
          <div className="flex gap-2">
            <Link href="/sales" className={buttonClass({ variant: "ghost" })}>
              Clear filters
            </Link>
            <ListFilterSubmit>Apply filters</ListFilterSubmit>
          </div>
        </div>
      </ListFilterForm>
    </FilterPanel>
  );
}
