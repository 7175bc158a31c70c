import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DateTime } from "@/components/ui/local-time";
import type { RowScopedResource } from "@/lib/rbac/catalog";
import { ROW_ACTIONS, type AccessLayerView, type RowAccessView } from "@/lib/rbac/schemas";

export type RowAccessAnswer = { view: RowAccessView } | { error: string } | null;

function layerName(layer: AccessLayerView): string {
  switch (layer.kind) {
    case "superuser":
      return "Superuser";
    case "base_role":
      return `Base role ${layer.role}`;
    case "custom_role":
      return `Custom role ${layer.role}`;
    case "grant":
      return `Direct grant of ${layer.actions.join(", ")}`;
  }
}

function LayerRow({ layer }: { layer: AccessLayerView }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <Badge variant={layer.grants ? "success" : "neutral"}>{layer.grants ? "grants" : "does not grant"}</Badge>
      <span>{layerName(layer)}</span>
      {"scope" in layer && layer.scope && <span className="text-muted-foreground">scope {layer.scope}</span>}
      {layer.kind === "grant" && (
        <span className="text-muted-foreground">
          {layer.status === "revoked" ? "revoked" : layer.status === "expired" ? "expired" : "active"}
          {layer.expires_at && (
            <>
              {layer.status === "expired" ? " at " : ", until "}
              <DateTime value={layer.expires_at} />
            </>
          )}
        </span>
      )}
    </li>
  );
}

/**
 * Why a user may or may not act on one sale or saved report: a plain GET form on the user's page (so the answer
 * has a link of its own), and the answer layer by layer next to what the database returned.
 */
export function RowAccess({
  userId,
  username,
  resource,
  rowId,
  action,
  answer,
}: {
  userId: string;
  username: string;
  resource: RowScopedResource;
  rowId: string;
  action: string;
  answer: RowAccessAnswer;
}) {
  const one = answer && "view" in answer && answer.view.resource === "report" ? "report" : "sale";
  return (
    <div className="grid gap-4">
      <form method="get" action={`/admin/users/${userId}#row-access`} className="flex flex-wrap items-end gap-3">
        <Field id="row-access-resource" label="Of">
          {(control) => (
            <Select name="access_resource" defaultValue={resource} {...control}>
              <option value="sale">A sale</option>
              <option value="report">A saved report</option>
            </Select>
          )}
        </Field>
        <Field
          id="row-access-id"
          label="Id"
          hint="A sale's id ends its address (/sales/<id>); a saved report's is in GET /api/v1/reports"
          className="min-w-72 flex-1"
        >
          {(control) => <Input name="access_id" defaultValue={rowId} required autoComplete="off" {...control} />}
        </Field>
        <Field id="row-access-action" label="Action">
          {(control) => (
            <Select name="access_action" defaultValue={action || "read"} {...control}>
              {ROW_ACTIONS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" variant="outline">
          Explain
        </Button>
      </form>
      {answer && "error" in answer && <Alert variant="error">{answer.error}</Alert>}
      {answer && "view" in answer && (
        <div className="grid gap-3" aria-live="polite">
          <Alert
            variant={answer.view.allowed ? "success" : "info"}
            title={answer.view.allowed ? "Allowed" : "Not allowed"}
          >
            {answer.view.reason}
          </Alert>
          <ul className="grid gap-2 text-sm">
            {answer.view.layers.map((layer, index) => (
              <LayerRow key={index} layer={layer} />
            ))}
          </ul>
          <p className="text-sm">
            The database, asked as {username} under row level security,{" "}
            {answer.view.database.visible ? `returns this ${one}` : `returns no such ${one}`}
            {answer.view.agree ? ": it agrees." : "."}
          </p>
          {!answer.view.agree && (
            <Alert variant="warning" title="The app and the database disagree">
              The app&apos;s decision and the database&apos;s row level security give different answers for this {one}.
              That is a fault in the row scope itself: report it with this page&apos;s address.
            </Alert>
          )}
        </div>
      )}
    </div>
  );
}
