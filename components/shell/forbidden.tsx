import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

type ForbiddenProps = {
  /** The permission that is missing, e.g. resource "sales" and action "export". Leave both out for a generic message. */
  resource?: string;
  action?: string;
};

export function Forbidden({ resource, action }: ForbiddenProps) {
  return (
    <div className="mx-auto grid max-w-lg justify-items-start gap-3 py-16">
      <p className="text-sm font-medium text-danger">403 · Forbidden</p>
      <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="text-sm text-muted-foreground">
        {resource && action ? (
          <>
            Missing permission: <Code>{action}</Code> on <Code>{resource}</Code>.
          </>
        ) : (
          "Your role does not include the permission this page needs."
        )}
      </p>
      <p className="text-sm text-muted-foreground">Ask an administrator if you think you should have it.</p>
      <Link href="/" className={buttonClass({ variant: "outline", className: "mt-2" })}>
        Back to overview
      </Link>
    </div>
  );
}

function Code({ children }: { children: string }) {
  return <code className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">{children}</code>;
}
