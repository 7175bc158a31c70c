import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AuditFilterOptions } from "@/lib/rbac/service";
import { AUDIT_PATH } from "@/lib/navigation";
import type { AuditFilters as Filters } from "@/app/(app)/admin/search-params";

/** A GET form: the filters live in the URL, so a filtered view can be linked and reloaded. */
export function AuditFilters({ filters, options }: { filters: Filters; options: AuditFilterOptions }) {
  const filtered = filters.actor || filters.target || filters.action || filters.q || filters.from || filters.to;
  return (
    <form method="get" action={AUDIT_PATH} aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="audit-q">Search</Label>
        <Input
          id="audit-q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={filters.q}
          placeholder="Name, role, action, reason"
          className="w-56"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-actor">Actor</Label>
        <Select id="audit-actor" name="actor" defaultValue={filters.actor} className="w-40">
          <option value="">Anyone</option>
          {options.actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.username}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-target">Target</Label>
        <Select id="audit-target" name="target" defaultValue={filters.target} className="w-52">
          <option value="">Anything</option>
          {options.targets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.label} ({target.type})
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Select id="audit-action" name="action" defaultValue={filters.action} className="w-40">
          <option value="">Any action</option>
          {options.actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">From (UTC)</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">To (UTC, included)</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
      </div>
      <Button type="submit" variant="outline">
        Apply filters
      </Button>
      {filtered && (
        <Link href={AUDIT_PATH} className={buttonClass({ variant: "ghost" })}>
          Clear
        </Link>
      )}
    </form>
  );
}
