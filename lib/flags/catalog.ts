// The product's feature flags as data. A flag shows or hides a part of the product for some or all
// base roles; it never grants access (every page, action and route checks permissions regardless).
// The migration step inserts a flag missing from the database in its default state and never
// changes one already there, so a switch made on /flags survives deploys.

export interface FlagDefinition {
  key: string;
  name: string;
  description: string;
  /** The state a new database starts in. */
  enabledByDefault: boolean;
}

export const FEATURE_FLAGS = [
  {
    key: "overview_forecast",
    name: "Forecast on the overview",
    description:
      "A chart projecting the next three months of won revenue from the monthly totals the overview shows (a straight-line trend).",
    enabledByDefault: false,
  },
  {
    key: "sales_totals",
    name: "Totals row on the sales list",
    description:
      "The count and sum of every matching deal at the foot of the sales list. Off, the list leaves the row out.",
    enabledByDefault: true,
  },
] as const satisfies readonly FlagDefinition[];

export type FlagKey = (typeof FEATURE_FLAGS)[number]["key"];

export const FLAG_KEYS = FEATURE_FLAGS.map((flag) => flag.key) as FlagKey[];
