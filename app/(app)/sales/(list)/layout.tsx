import type { ReactNode } from "react";
import { requirePagePermission } from "@/lib/auth/viewer";

// The list streams behind its loading.tsx, and a response's status is fixed once streaming starts.
// Checking here, above that boundary, makes a viewer without sale:list get a real 403; the page
// checks again itself, as layouts do not re-run on client navigation.
export default async function SalesListLayout({ children }: { children: ReactNode }) {
  await requirePagePermission("sale", "list");
  return children;
}
