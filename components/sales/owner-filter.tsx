"use client";

import { useEffect, useState, type KeyboardEvent } from "react";
import { controlClass } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import type { Owner, OwnerSuggestions } from "@/lib/sales/queries";

type OwnerFilterProps = {
  id: string;
  /** The form field that carries the chosen person's id ("" for anyone). */
  name: string;
  /** The person the list is filtered by now, if any. */
  initial: Owner | null;
};

// Client code imports no schema module: zod would come along, and its start-up check for eval
// breaks the page's Content-Security-Policy.
type Suggestions =
  | { state: "loading"; owners: Owner[]; more: boolean }
  | ({ state: "ready" } & OwnerSuggestions)
  | { state: "failed"; owners: []; more: false; message: string };

/** Where the suggestions come from: a few people owning a sale the viewer may list. */
const SOURCE = "/sales/owners";

/** How long typing may pause before the server is asked. */
const PAUSE_MS = 150;

const nameOf = (owner: Owner) => `${owner.name} (${owner.username})`;

async function fetchOwners(typed: string, signal: AbortSignal): Promise<OwnerSuggestions> {
  const response = await fetch(typed ? `${SOURCE}?${new URLSearchParams({ q: typed })}` : SOURCE, {
    signal,
    headers: { Accept: "application/json" },
  });
  const body = (await response.json().catch(() => null)) as (Partial<OwnerSuggestions> & { detail?: string }) | null;
  if (!response.ok || !body?.owners) throw new Error(body?.detail ?? "The owners could not be loaded: try again");
  return { owners: body.owners, more: body.more === true };
}

/**
 * The sales filter's owner: a text box that suggests people as one types (a combobox, ARIA 1.2),
 * asking the server for a few matches instead of sending every owner with the page. Arrow keys move
 * through the suggestions, Enter chooses one, Escape closes them; an emptied box means anyone.
 */
export function OwnerFilter({ id, name, initial }: OwnerFilterProps) {
  const [chosen, setChosen] = useState<Owner | null>(initial);
  const [typed, setTyped] = useState(initial ? nameOf(initial) : "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<Suggestions>({ state: "loading", owners: [], more: false });
  const listId = `${id}-suggestions`;
  // What to search for: nothing while the box shows the person already chosen.
  const search = chosen && typed === nameOf(chosen) ? "" : typed.trim();

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSuggestions((now) => ({ state: "loading", owners: now.owners, more: now.more }));
      fetchOwners(search, controller.signal).then(
        (found) => {
          setSuggestions({ state: "ready", ...found });
          setActive(-1);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setSuggestions({ state: "failed", owners: [], more: false, message });
        },
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, search]);

  const choose = (owner: Owner | null) => {
    setChosen(owner);
    setTyped(owner ? nameOf(owner) : "");
    setOpen(false);
    setActive(-1);
  };

  const { owners } = suggestions;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (owners.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((now) => (now + step + owners.length) % owners.length);
    } else if (event.key === "Enter" && open && owners[active]) {
      // Enter chooses the suggestion; it submits the form only once the list is closed.
      event.preventDefault();
      choose(owners[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const status =
    suggestions.state === "failed"
      ? suggestions.message
      : suggestions.state === "loading"
        ? "Looking for people…"
        : owners.length === 0
          ? search
            ? `No one owning a deal you can see matches “${search}”.`
            : "No one owns a deal you can see."
          : `${owners.length} ${owners.length === 1 ? "person" : "people"} found${suggestions.more ? ": type more to narrow" : ""}.`;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="Anyone: type a name"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={`${id}-status`}
        className={cn(controlClass, "h-9")}
        value={typed}
        maxLength={100}
        onChange={(event) => {
          setTyped(event.target.value);
          setChosen(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          // Text that names no one chosen is let go: the filter then is "anyone", as the box says.
          if (!chosen) setTyped("");
        }}
      />
      <p id={`${id}-status`} role="status" className="sr-only">
        {open ? status : ""}
      </p>
      {open && (
        <div className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-md border bg-background shadow-md">
          <ul id={listId} role="listbox" aria-label="People" className="max-h-64 overflow-y-auto py-1">
            {owners.map((owner, index) => (
              <li
                key={owner.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                // Keeps the focus in the box, so choosing does not first blur it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(owner)}
                className={cn(
                  "cursor-pointer px-3 py-1.5 text-sm",
                  index === active ? "bg-accent-soft text-accent" : "hover:bg-muted",
                )}
              >
                {owner.name} <span className="text-muted-foreground">({owner.username})</span>
              </li>
            ))}
          </ul>
          {(owners.length === 0 || suggestions.state !== "ready") && (
            <p aria-hidden className="px-3 py-2 text-sm text-muted-foreground">
              {status}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
