import type { Metadata } from "next";
import { RequestAccessLink } from "@/components/access/request-access-link";
import { BackToSales } from "@/components/sales/back-to-sales";
import { DeleteSaleForm } from "@/components/sales/delete-sale-form";
import { SaleDetails } from "@/components/sales/sale-details";
import { SaleForm } from "@/components/sales/sale-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { readForPage, requirePagePermission } from "@/lib/auth/viewer";
import { saleDeleters } from "@/lib/sales/deleters";
import { describeDeleters } from "@/lib/sales/format";
import { assignableOwners, getSale, productsInScope, regionsInScope } from "@/lib/sales/queries";
import { deleteSaleAction, updateSaleAction } from "../actions";
import { isOwnOnly, widestOf } from "@/lib/rbac/catalog";

export const metadata: Metadata = { title: "Sale" };

type SalePageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SalePage({ params, searchParams }: SalePageProps) {
  const viewer = await requirePagePermission("sale", "read");
  // Missing and out of scope look the same: the 404 page.
  const sale = await readForPage(getSale(viewer, (await params).id));
  const justCreated = (await searchParams).created === "1";
  const canList = viewer.can("sale", "list");
  // Someone who may not delete this deal is told who may, from the permission model.
  const deleteNote = sale.canDelete ? null : describeDeleters(await saleDeleters(viewer));
  // A request for more on this deal asks for the rows the viewer already reads it through.
  const askScope = widestOf(viewer.scope("sale", "read"));
  const [owners, products, regions] = sale.canUpdate
    ? await Promise.all([
        isOwnOnly(viewer.scope("sale", "update")) ? Promise.resolve([]) : assignableOwners(viewer, "update"),
        canList ? productsInScope(viewer) : Promise.resolve([]),
        canList ? regionsInScope(viewer) : Promise.resolve([]),
      ])
    : [[], [], []];

  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title={sale.customer}
        description={`${sale.product} · ${sale.region}`}
        actions={canList && <BackToSales />}
      />
      {justCreated && (
        <Alert variant="success">
          Sale created.
          {process.env.DATABASE_READ_URL && " It may take a moment to appear in the sales list and the overview."}
        </Alert>
      )}
      <SaleDetails sale={sale} />
      {sale.canUpdate ? (
        <Card>
          <CardHeader>
            <CardTitle>Edit sale</CardTitle>
          </CardHeader>
          <CardContent>
            <SaleForm
              action={updateSaleAction}
              sale={sale}
              owners={owners}
              products={products}
              regions={regions}
              submitLabel="Save changes"
            />
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">
          You can view this sale but not change it.{" "}
          <RequestAccessLink resource="sale" action="update" scope={askScope}>
            Request edit access
          </RequestAccessLink>
        </p>
      )}
      {deleteNote && (
        <p className="text-sm text-muted-foreground">
          {deleteNote} Ask one of them if it should be removed, or{" "}
          <RequestAccessLink resource="sale" action="delete" scope={askScope}>
            request delete access
          </RequestAccessLink>
          .
        </p>
      )}
      {sale.canDelete && (
        <Card className="border-danger/30">
          <CardHeader>
            <CardTitle>Delete sale</CardTitle>
            <CardDescription>Removes the deal from every report. This cannot be undone.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteSaleForm action={deleteSaleAction} saleId={sale.id} customer={sale.customer} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
