import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { sales, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Invalid, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/rbac/audit";
import { parseInput } from "@/lib/validation";
import type { Action } from "@/lib/rbac/catalog";
import { assignable } from "./queries";
import { isSaleId, saleColumns, saleJson, toRecord, type SaleRecord } from "./records";
import { createSaleInput, updateSaleInput } from "./schemas";
import { ownersReached, requireScope } from "./scope";

/** The new owner must be an active person inside the viewer's scope for this action. */
async function requireAssignable(tx: Tx, viewer: Viewer, action: Action, ownerId: string) {
  const [owner] = await assignable(tx, ownersReached(viewer, action), ownerId);
  if (!owner)
    throw new Invalid("The owner is outside your scope", [
      { field: "owner_id", message: "You cannot give sales to this person" },
    ]);
  return owner;
}

/** The sale as its audit row shows it: the API's JSON of the row. */
async function snapshot(tx: Tx, id: string, scope: SQL, lock: boolean): Promise<SaleRecord | undefined> {
  if (lock) {
    // The row alone: locked in a join, a row another transaction just moved to a new owner is
    // re-checked against the old owner's users row, fails the join and looks missing (404).
    const [locked] = await tx
      .select({ id: sales.id })
      .from(sales)
      .where(and(eq(sales.id, id), scope))
      .for("update");
    if (!locked) return undefined;
  }
  // A statement after the lock sees the row as its last writer committed it.
  const [row] = await tx
    .select(saleColumns)
    .from(sales)
    .innerJoin(users, eq(users.id, sales.ownerId))
    .where(and(eq(sales.id, id), scope));
  return row && toRecord(row);
}

/**
 * Records a sale: the create permission first (403), then the fields (422). The owner defaults to
 * the viewer; another owner must lie in their create scope (a rep: only themselves; a manager:
 * their team; an admin: anyone), else 422 on owner_id.
 */
export async function createSale(viewer: Viewer, fields: unknown): Promise<SaleRecord> {
  requireScope(viewer, "create");
  const input = parseInput(createSaleInput, fields);
  const ownerId = input.owner_id ?? viewer.id;
  return withViewer(viewer, async (tx) => {
    const owner = await requireAssignable(tx, viewer, "create", ownerId);
    const id = randomUUID();
    // No RETURNING: it would need read access to the new row, which create alone does not give.
    await tx.insert(sales).values({
      id,
      ownerId,
      customer: input.customer,
      product: input.product,
      region: input.region,
      amount: input.amount,
      status: input.status,
      closedAt: input.closed_at,
    });
    // now() is the transaction's start: exactly the created_at / updated_at the insert stored.
    const [clock] = await queryRows<{ now: string }>(
      tx,
      sql`select to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
    );
    const now = clock?.now ?? new Date().toISOString();
    const created: SaleRecord = {
      id,
      ownerId,
      ownerUsername: owner.username,
      ownerName: owner.name,
      customer: input.customer,
      product: input.product,
      region: input.region,
      amount: Number(input.amount),
      status: input.status,
      closedAt: input.closed_at,
      createdAt: now,
      updatedAt: now,
    };
    await recordAudit(tx, viewer, {
      action: "sale.create",
      targetType: "sale",
      targetId: id,
      targetLabel: created.customer,
      before: null,
      after: saleJson(created),
    });
    return created;
  });
}

/**
 * Changes any subset of a sale's fields in the viewer's update scope (403 without it, then 422 for
 * the fields); moving it to another owner needs that owner in scope too.
 */
export async function updateSale(viewer: Viewer, id: string, fields: unknown): Promise<SaleRecord> {
  const scope = requireScope(viewer, "update");
  const input = parseInput(updateSaleInput, fields);
  if (!isSaleId(id)) throw new NotFound("Sale not found");
  return withViewer(viewer, async (tx) => {
    if (input.owner_id) await requireAssignable(tx, viewer, "update", input.owner_id);
    // Locked, so the audit's "before" is the row this update changes.
    const before = await snapshot(tx, id, scope, true);
    if (!before) throw new NotFound("Sale not found");
    const changed = await tx
      .update(sales)
      .set({
        ownerId: input.owner_id,
        customer: input.customer,
        product: input.product,
        region: input.region,
        amount: input.amount,
        status: input.status,
        closedAt: input.closed_at,
        updatedAt: sql`now()`,
      })
      .where(and(eq(sales.id, id), scope))
      .returning({ id: sales.id });
    if (changed.length === 0) throw new NotFound("Sale not found");
    const after = await snapshot(tx, id, scope, false);
    if (!after) throw new NotFound("Sale not found");
    await recordAudit(tx, viewer, {
      action: "sale.update",
      targetType: "sale",
      targetId: id,
      targetLabel: after.customer,
      before: saleJson(before),
      after: saleJson(after),
    });
    return after;
  });
}

/** Deletes a sale in the viewer's delete scope; the audit row keeps the deleted row as it was. */
export async function deleteSale(viewer: Viewer, id: string): Promise<void> {
  const scope = requireScope(viewer, "delete");
  if (!isSaleId(id)) throw new NotFound("Sale not found");
  await withViewer(viewer, async (tx) => {
    // RETURNING gives the row exactly as deleted, whatever changed it a moment before.
    const { ownerUsername: _username, ownerName: _name, ...columns } = saleColumns;
    const [row] = await tx
      .delete(sales)
      .where(and(eq(sales.id, id), scope))
      .returning(columns);
    if (!row) throw new NotFound("Sale not found");
    const [owner] = await tx
      .select({ ownerUsername: users.username, ownerName: users.name })
      .from(users)
      .where(eq(users.id, row.ownerId));
    const before = toRecord({ ...row, ownerUsername: owner?.ownerUsername ?? "", ownerName: owner?.ownerName ?? "" });
    await recordAudit(tx, viewer, {
      action: "sale.delete",
      targetType: "sale",
      targetId: id,
      targetLabel: before.customer,
      before: saleJson(before),
      after: null,
    });
  });
}
