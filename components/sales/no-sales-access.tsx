import { EmptyState } from "@/components/ui/empty-state";

/** The overview for someone without sale:list: everyone's home, so a friendly note rather than a 403. */
export function NoSalesAccess() {
  return (
    <EmptyState
      title="No access to sales data"
      description="Your role does not include viewing sales, so there are no figures to show here. Ask an administrator if you need them."
    />
  );
}
