import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { mayExportSales } from "@/lib/sales/export";

export const metadata: Metadata = { title: "Export not allowed" };

// Where /sales/export sends a browser that may not export: the app's 403 page, never a file. Someone
// who may export after all (granted in the meantime) goes back to the list, where the button is.
export default async function ExportDeniedPage() {
  const viewer = await requireViewer();
  if (mayExportSales(viewer)) redirect("/sales");
  forbidden();
}
