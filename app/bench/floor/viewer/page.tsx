import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { floorPageText } from "@/lib/bench-floors";

export const metadata = { title: "Floor", robots: { index: false } };

/**
 * /bench/floor/viewer?bytes=N: the floor page after what every signed-in page does first, the
 * viewer read from the session cookie and the database (BENCH_FLOORS=on only). The bench compares
 * it with /bench/floor to tell what knowing the viewer costs a page.
 */
export default async function ViewerFloorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const text = floorPageText((await searchParams).bytes);
  if (text === null) notFound();
  await requireViewer();
  return (
    <main>
      <p>{text}</p>
    </main>
  );
}
