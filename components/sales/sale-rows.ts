// The sales list's rows as markup text. Fifty rows as React elements cost the server more than the
// rest of the page together (each element built, serialised into the page's payload, read back and
// rendered to HTML); as text they are one string in the payload and the same string in the HTML,
// without classes (app/globals.css styles `.sale-rows` and `.sale-cards` once). Everything from the
// database is escaped by `markup`. What the rows do in the browser (a click on a row, their links,
// dates in the viewer's locale) is ./row-links.tsx.
import { formatDay } from "@/lib/format";
import { markup, type Markup } from "@/lib/html";
import type { SaleListColumn } from "@/lib/sales/columns";
import { formatMoney } from "@/lib/sales/format";
import type { SaleRecord } from "@/lib/sales/records";
import { STATUS_LABELS } from "./status-badge";

const saleHref = (sale: SaleRecord) => `/sales/${sale.id}`;

const CELLS: Record<SaleListColumn, (sale: SaleRecord) => Markup | string> = {
  // A row's link: its one focus stop.
  customer: (sale) => markup`<a href='${saleHref(sale)}'>${sale.customer}</a>`,
  product: (sale) => sale.product,
  region: (sale) => sale.region,
  owner: (sale) => markup`<span title='${sale.ownerUsername}'>${sale.ownerName}</span>`,
  status: (sale) => markup`<span data-status='${sale.status}'>${STATUS_LABELS[sale.status]}</span>`,
  // In the server's default format; the browser redraws it in the viewer's locale.
  closed_at: (sale) => markup`<time datetime='${sale.closedAt}'>${formatDay(sale.closedAt)}</time>`,
  amount: (sale) => formatMoney(sale.amount),
};

/** The table's body rows, one cell per shown column; a row carries its sale's address for a click on it. */
export function tableRows(sales: readonly SaleRecord[], shown: readonly SaleListColumn[]): Markup {
  const cells = (sale: SaleRecord) => shown.map((id) => markup`<td data-column='${id}'>${CELLS[id](sale)}</td>`);
  return markup`${sales.map((sale) => markup`<tr data-href='${saleHref(sale)}'>${cells(sale)}</tr>`)}`;
}

/** A card's second line: the status, then the other shown columns' values, separated by dots. */
function cardDetails(sale: SaleRecord, shows: (id: SaleListColumn) => boolean): Markup | false {
  const texts = (["closed_at", "product", "region", "owner"] as const).filter(shows).map((id, index) => {
    const text = id === "owner" ? sale.ownerName : CELLS[id](sale);
    const dot = index > 0 && markup`<span aria-hidden='true'>·</span>`;
    return markup`<span data-column='${id}'>${dot}<span>${text}</span></span>`;
  });
  if (!shows("status") && texts.length === 0) return false;
  const badge = shows("status") && markup`<span data-column='status'>${CELLS.status(sale)}</span>`;
  return markup`<div>${badge}${texts}</div>`;
}

/** The phone's cards: the customer (a link covering the card) with the amount beside it, then the details. */
export function cardItems(sales: readonly SaleRecord[], shown: readonly SaleListColumn[]): Markup {
  const shows = (id: SaleListColumn) => shown.includes(id);
  const amount = (sale: SaleRecord) =>
    shows("amount") && markup`<span data-column='amount'>${formatMoney(sale.amount)}</span>`;
  return markup`${sales.map(
    (sale) => markup`<li><div>${CELLS.customer(sale)}${amount(sale)}</div>${cardDetails(sale, shows)}</li>`,
  )}`;
}
