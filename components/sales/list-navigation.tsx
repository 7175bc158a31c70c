"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  createContext,
  use,
  useCallback,
  useMemo,
  useState,
  useTransition,
  type ComponentProps,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { cn } from "@/lib/cn";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

interface ListNavigation {
  /** Whether the server is drawing the next view of the list (sorted, paged or filtered). */
  pending: boolean;
  /** Which control asked for it, so that control alone says it is busy. */
  busyControl: string | null;
  navigate: (href: string, control: string) => void;
}

const NavigationContext = createContext<ListNavigation>({ pending: false, busyControl: null, navigate: () => {} });

/**
 * Holds the list's navigations in one transition: until the server's next view arrives, the old
 * rows stay on screen, dimmed, and the control that was used is marked busy. Without JavaScript the
 * links and the GET form below work as plain links and forms.
 */
export function ListNavigationProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [control, setControl] = useState<string | null>(null);
  const navigate = useCallback(
    (href: string, source: string) => {
      setControl(source);
      startTransition(() => router.push(href, { scroll: false }));
    },
    [router],
  );
  const value = useMemo(
    () => ({ pending, busyControl: pending ? control : null, navigate }),
    [pending, control, navigate],
  );
  return <NavigationContext value={value}>{children}</NavigationContext>;
}

export function useListNavigation(): ListNavigation {
  return use(NavigationContext);
}

/** A plain click (no modifier key, main button) stays in the page; others open a tab as usual. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

type ListLinkProps = Omit<ComponentProps<typeof Link>, "href"> & { href: string };

/** A link to another view of the list (a sort, a page, a filter removed), busy while it loads. */
export function ListLink({ href, onClick, children, ...props }: ListLinkProps) {
  const { busyControl, navigate } = useListNavigation();
  const busy = busyControl === href;
  return (
    <Link
      href={href}
      scroll={false}
      aria-busy={busy || undefined}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href, href);
      }}
      {...props}
    >
      {children}
    </Link>
  );
}

/** The list's GET form: submitting navigates inside the transition, blanks left out of the address. */
export function ListFilterForm({
  action,
  children,
  ...props
}: Omit<ComponentProps<"form">, "action" | "onSubmit"> & { action: string }) {
  const { navigate } = useListNavigation();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    }
    const query = params.toString();
    navigate(query ? `${action}?${query}` : action, "filters");
  }
  return (
    <form action={action} method="get" onSubmit={submit} {...props}>
      {children}
    </form>
  );
}

/** Wraps the rows: dimmed and `aria-busy` while the next view loads, with a spinner that says so. */
export function ListBusyRegion({ className, children }: { className?: string; children: ReactNode }) {
  const { pending } = useListNavigation();
  return (
    <div aria-busy={pending || undefined} data-pending={pending || undefined} className={cn("relative", className)}>
      <div className={cn("transition-opacity", pending && "pointer-events-none opacity-50")}>{children}</div>
      {pending && (
        <Spinner
          label="Loading sales"
          className="absolute top-3 left-1/2 -translate-x-1/2 rounded-full bg-background p-2 text-accent shadow-md"
        />
      )}
    </div>
  );
}

/** The filter form's submit button: busy while the filtered list loads. */
export function ListFilterSubmit({ children }: { children: ReactNode }) {
  const { busyControl } = useListNavigation();
  return (
    <Button type="submit" pending={busyControl === "filters"}>
      {children}
    </Button>
  );
}
