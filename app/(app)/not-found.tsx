import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/** A 404 inside the signed-in shell: the navigation stays, so the way on is one click away. */
export default function NotFoundInApp() {
  return (
    <div className="grid max-w-lg justify-items-start gap-3 py-10">
      <p className="text-sm font-medium text-accent">404 · Not found</p>
      <h1 className="text-2xl font-semibold tracking-tight">We couldn&apos;t find that page</h1>
      <p className="text-sm text-muted-foreground">
        The link may be out of date, or the item may have been removed or be outside what you can see.
      </p>
      <Link href="/" className={buttonClass({ variant: "outline", className: "mt-2" })}>
        Back to overview
      </Link>
    </div>
  );
}
