// The busiest rep's last page, by number (OFFSET) and by keyset cursor (`after`), each against their
// first page measured in the same rounds: what a deep page costs over a shallow one.
import { listSales, type SalePage } from "@/lib/sales/queries";
import type { CountingHandle } from "./counting";
import { statementsOf } from "./counting";
import type { OwnerClient } from "./database";
import { progress } from "./progress";
import { PAGE_SIZE, listQuery, type Scenario } from "./scenarios";
import { expectRows, figure, inRounds, percentile, sampleWithin, type Figure, type Target } from "./stats";
import { expectedCount, leakedRows, type ScopedViewer } from "./viewers";

const LIST_TARGET: Target = { op: "<=", value: 3 };
const FIRST = "keyset.first";

interface Measured {
  id: string;
  label: string;
  target?: Target;
  scenario: Scenario;
}

function sameRows(what: string, actual: SalePage, expected: SalePage): void {
  const ids = (page: SalePage) => page.items.map((item) => item.id).join(",");
  if (ids(actual) !== ids(expected)) throw new Error(`${what}: not the same rows in the same order`);
}

async function scenarios(owner: OwnerClient, busiest: ScopedViewer): Promise<Measured[]> {
  const total = await expectedCount(owner, busiest.owners);
  const lastPage = Math.ceil(total / PAGE_SIZE);
  const lastRows = total - (lastPage - 1) * PAGE_SIZE;
  const { viewer } = busiest;
  const byNumber = listQuery(lastPage);
  // The cursor a reader holds on the last page but one: its `next`.
  const before = await listSales(viewer, listQuery(lastPage - 1));
  if (!before.next) throw new Error("the last page but one of the busiest rep has no next cursor");
  const byCursor = { ...listQuery(1), after: before.next };
  const checked = (page: number, query: ReturnType<typeof listQuery>, rows: number) => async () => {
    const result = await listSales(viewer, query);
    expectRows("listSales total (own)", result.total, total);
    expectRows("rows leaked to own", leakedRows(result.items, busiest.owners), 0);
    return `page ${page}: ${expectRows(`listSales page ${page} (own)`, result.items.length, rows)} of ${total.toLocaleString("en")}`;
  };
  return [
    {
      id: FIRST,
      label: "listSales first page, busiest rep",
      target: LIST_TARGET,
      scenario: { run: () => listSales(viewer, listQuery(1)), check: checked(1, listQuery(1), PAGE_SIZE) },
    },
    {
      id: "keyset.last.page",
      label: `listSales last page by page=${lastPage} (OFFSET ${(lastPage - 1) * PAGE_SIZE}), busiest rep`,
      target: LIST_TARGET,
      scenario: { run: () => listSales(viewer, byNumber), check: checked(lastPage, byNumber, lastRows) },
    },
    {
      id: "keyset.last.after",
      label: `listSales last page by after= (page ${lastPage}'s cursor), busiest rep`,
      target: LIST_TARGET,
      scenario: {
        run: () => listSales(viewer, byCursor),
        async check() {
          const seen = await checked(lastPage, byCursor, lastRows)();
          sameRows(
            "the last page by cursor and by number",
            await listSales(viewer, byCursor),
            await listSales(viewer, byNumber),
          );
          return `${seen}, the rows of page=${lastPage} ✓`;
        },
      },
    },
  ];
}

export async function measureKeyset(
  owner: OwnerClient,
  handle: CountingHandle,
  viewers: ScopedViewer[],
  rounds: number,
): Promise<Figure[]> {
  const busiest = viewers.find((v) => v.scope === "own");
  if (!busiest) throw new Error("no busiest rep among the bench viewers");
  const measured = await scenarios(owner, busiest);
  const details = new Map<string, string>();
  for (const item of measured) {
    const seen = await item.scenario.check();
    details.set(item.id, `${seen}; ${await statementsOf(handle, () => item.scenario.run())} statements`);
  }
  const results = await inRounds(rounds, async (round) => {
    const values: Record<string, number> = {};
    for (const item of measured) {
      progress(`keyset: ${item.label}, round ${round + 1}/${rounds}`);
      const samples = await sampleWithin(() => item.scenario.run());
      values[`${item.id}.p50`] = percentile(samples, 50);
      values[`${item.id}.p95`] = percentile(samples, 95);
    }
    return values;
  });
  return measured.flatMap((item) =>
    (["p95", "p50"] as const).map((p) =>
      figure({
        id: `${item.id}.${p}`,
        section: "keyset",
        label: `${item.label}: ${p}`,
        unit: "ms",
        rounds: results[`${item.id}.${p}`] ?? [],
        target: p === "p95" ? item.target : undefined,
        detail: p === "p95" ? details.get(item.id) : undefined,
        floor: item.id === FIRST ? undefined : `${FIRST}.${p}`,
      }),
    ),
  );
}
