import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { PageRequirement } from "@/lib/navigation";
import { requestAccessHref } from "@/lib/rbac/access-request-paths";

type ForbiddenProps = {
  /** What the page demands, when known: named on the page with who can give it. */
  requirement?: PageRequirement | null;
};

/** Who may change anyone's permissions (DESIGN: admins and superusers only), and where they do it. */
const WHO_GRANTS =
  "An admin or a superuser can give it to you: ask for it with Request access, or they open your name on the Users page and grant it, or assign you a role that holds it.";

export function Forbidden({ requirement }: ForbiddenProps) {
  return (
    <div className="mx-auto grid max-w-lg justify-items-start gap-3 py-16">
      <p className="text-sm font-medium text-danger">403 · Forbidden</p>
      <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="text-sm text-muted-foreground">
        {requirement && "permission" in requirement ? (
          <>
            Missing permission: <Code>{requirement.permission[1]}</Code> on <Code>{requirement.permission[0]}</Code>.
          </>
        ) : requirement ? (
          "Only an admin or a superuser may open this page."
        ) : (
          "Your role does not include the permission this page needs."
        )}
      </p>
      <p className="text-sm text-muted-foreground">
        {requirement && "permission" in requirement ? WHO_GRANTS : "Ask an admin if you think you should have access."}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {requirement && "permission" in requirement && (
          <Link href={requestAccessHref(...requirement.permission)} className={buttonClass()}>
            Request access
          </Link>
        )}
        <Link href="/" className={buttonClass({ variant: "outline" })}>
          Back to overview
        </Link>
      </div>
    </div>
  );
}

function Code({ children }: { children: string }) {
  return <code className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">{children}</code>;
}
