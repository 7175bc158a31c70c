import { notFound } from "next/navigation";
import { floorPageText } from "@/lib/bench-floors";

export const metadata = { title: "Floor", robots: { index: false } };

/**
 * /bench/floor?bytes=N: a page rendered per request (like every page here) holding N characters
 * of text, with BENCH_FLOORS=on only. The bench sizes N so the response is as large as the sales page.
 */
export default async function FloorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const text = floorPageText((await searchParams).bytes);
  if (text === null) notFound();
  return (
    <main>
      <p>{text}</p>
    </main>
  );
}
