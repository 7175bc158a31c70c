import { notFound } from "next/navigation";
import { floorPageText } from "@/lib/bench-floors";

export const metadata = { title: "Floor", robots: { index: false } };

/**
 * /bench/shell?bytes=N: the floor's text inside the signed-in shell (the layout's viewer, navigation
 * and notices), BENCH_FLOORS=on only. Between /bench/floor/viewer and a real page, it tells what
 * the shell costs and what is the page's own.
 */
export default async function ShellFloorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const text = floorPageText((await searchParams).bytes);
  if (text === null) notFound();
  return <p>{text}</p>;
}
