import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { Owner } from "@/lib/sales/queries";
import {
  formatSort,
  SALE_STATUSES,
  DEFAULT_SORT,
  MAX_PAGE_SIZE,
  type FilterContradiction,
  type SaleListQuery,
} from "@/lib/sales/schemas";
import { ListFilterForm, ListFilterSubmit } from "./list-navigation";
import { STATUS_LABELS } from "./status-badge";

type SalesFiltersProps = {
  query: SaleListQuery;
  regions: string[];
  /** Empty when the viewer only sees his own rows: then there is no owner to choose. */
  owners: Owner[];
  /** Pairs of filters that rule each other out: kept as written, marked, and explained. */
  contradictions: FilterContradiction[];
};

const PAGE_SIZES = [25, 50, 100, MAX_PAGE_SIZE];

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
export function SalesFilters({ query, regions, owners, contradictions }: SalesFiltersProps) {
  const { filters } = query;
  const sort = formatSort(query.sort);
  // The inputs of a contradicting pair point at the message that explains it.
  const flag = (pair: FilterContradiction["pair"]) =>
    contradictions.some((c) => c.pair === pair)
      ? { "aria-invalid": true, "aria-describedby": "filter-contradictions" }
      : {};
  return (
    <ListFilterForm
      action="/sales"
      aria-label="Filter sales"
      className="grid gap-3 rounded-lg border bg-background p-4"
    >
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
        {owners.length > 0 && (
          <FilterField id="filter-owner" label="Owner">
            <Select id="filter-owner" name="owner_id" defaultValue={filters.ownerId ?? ""}>
              <option value="">Anyone</option>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.name} ({owner.username})
                </option>
              ))}
            </Select>
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
        <FilterField id="filter-page-size" label="Rows per page">
          <Select id="filter-page-size" name="page_size" defaultValue={String(query.pageSize)} className="w-24">
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </Select>
        </FilterField>
        {sort !== DEFAULT_SORT && <input type="hidden" name="sort" value={sort} />}
        <div className="flex gap-2">
          <Link href="/sales" className={buttonClass({ variant: "ghost" })}>
            Clear filters
          </Link>
          <ListFilterSubmit>Apply filters</ListFilterSubmit>
        </div>
      </div>
    </ListFilterForm>
  );
}
