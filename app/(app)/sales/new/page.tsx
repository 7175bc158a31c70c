import type { Metadata } from "next";
import Link from "next/link";
import { SaleForm } from "@/components/sales/sale-form";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/viewer";
import { assignableOwners, productsInScope, regionsInScope } from "@/lib/sales/queries";
import { createSaleAction } from "../actions";
import { isOwnOnly } from "@/lib/rbac/catalog";

export const metadata: Metadata = { title: "New sale" };

export default async function NewSalePage() {
  const viewer = await requirePagePermission("sale", "create");
  const canList = viewer.can("sale", "list");
  const [owners, products, regions] = await Promise.all([
    isOwnOnly(viewer.scope("sale", "create")) ? Promise.resolve([]) : assignableOwners(viewer, "create"),
    canList ? productsInScope(viewer) : Promise.resolve([]),
    canList ? regionsInScope(viewer) : Promise.resolve([]),
  ]);
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="New sale"
        description="Record a deal. You own it unless you choose another owner."
        actions={
          <Link href="/sales" className={buttonClass({ variant: "ghost" })}>
            Cancel
          </Link>
        }
      />
      <Card>
        <CardContent className="pt-5">
          <SaleForm
            action={createSaleAction}
            owners={owners}
            products={products}
            regions={regions}
            submitLabel="Create sale"
          />
        </CardContent>
      </Card>
    </div>
  );
}
