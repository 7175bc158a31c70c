"use client";

import { useEffect, useState, type KeyboardEvent } from "react";
import { controlClass } from "@/components/ui/input";
import { cn } from "@/lib/cn";

export interface Person {
  id: string;
  username: string;
  name: string;
}

export interface PersonPickerProps {
  id: string;
  /** The form field that carries the chosen person's id ("" for no one). */
  name: string;
  /** The person chosen now, if any. */
  initial: Person | null;
  /** Where the suggestions come from: a GET taking `q`, answering `{ [listKey]: Person[], more }`. */
  source: string;
  listKey: "owners" | "people";
  /** More parameters of every request, e.g. whom to leave out. */
  params?: Record<string, string>;
  /** What an empty box means, in the placeholder: "Anyone: type a name". */
  placeholder: string;
  /** The status when nothing matches what was typed, and when there is no one at all. */
  noMatch: (typed: string) => string;
  noOne: string;
  /** The message when the suggestions could not be loaded and the server said nothing. */
  failure: string;
  /** From the form field around the box (its hint or error), joined with the box's own status. */
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

// Client code imports no schema module: zod would come along, and its start-up check for eval
// breaks the page's Content-Security-Policy.
type Found = { people: Person[]; more: boolean };
type Suggestions =
  | ({ state: "loading" } & Found)
  | ({ state: "ready" } & Found)
  | { state: "failed"; people: []; more: false; message: string };

/** How long typing may pause before the server is asked. */
const PAUSE_MS = 150;

const nameOf = (person: Person) => `${person.name} (${person.username})`;

async function fetchPeople(
  { source, listKey, failure }: Pick<PersonPickerProps, "source" | "listKey" | "failure">,
  fixed: string,
  typed: string,
  signal: AbortSignal,
): Promise<Found> {
  const query = new URLSearchParams(fixed);
  if (typed) query.set("q", typed);
  const response = await fetch(query.size ? `${source}?${query}` : source, {
    signal,
    headers: { Accept: "application/json" },
  });
  const body = (await response.json().catch(() => null)) as
    (Partial<Record<"owners" | "people", Person[]>> & { more?: boolean; detail?: string }) | null;
  const people = body?.[listKey];
  if (!response.ok || !people) throw new Error(body?.detail ?? failure);
  return { people, more: body?.more === true };
}

/**
 * A person chosen by typing: a text box that suggests people as one types (a combobox, ARIA 1.2),
 * asking the server for a few matches instead of sending everyone with the page. Arrow keys move
 * through the suggestions, Enter chooses one, Escape closes them; an emptied box means no one.
 */
export function PersonPicker(props: PersonPickerProps) {
  const { id, name, initial, source, listKey, params, placeholder, noMatch, noOne, failure } = props;
  const [chosen, setChosen] = useState<Person | null>(initial);
  const [typed, setTyped] = useState(initial ? nameOf(initial) : "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<Suggestions>({ state: "loading", people: [], more: false });
  const listId = `${id}-suggestions`;
  // What to search for: nothing while the box shows the person already chosen.
  const search = chosen && typed === nameOf(chosen) ? "" : typed.trim();

  // As text, so that a new but equal object from the parent asks nothing again.
  const fixed = new URLSearchParams(params).toString();

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSuggestions((now) => ({ state: "loading", people: now.people, more: now.more }));
      fetchPeople({ source, listKey, failure }, fixed, search, controller.signal).then(
        (found) => {
          setSuggestions({ state: "ready", ...found });
          setActive(-1);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setSuggestions({ state: "failed", people: [], more: false, message });
        },
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, search, source, listKey, fixed, failure]);

  const choose = (person: Person | null) => {
    setChosen(person);
    setTyped(person ? nameOf(person) : "");
    setOpen(false);
    setActive(-1);
  };

  const { people } = suggestions;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (people.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((now) => (now + step + people.length) % people.length);
    } else if (event.key === "Enter" && open && people[active]) {
      // Enter chooses the suggestion; it submits the form only once the list is closed.
      event.preventDefault();
      choose(people[active]);
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
        : people.length === 0
          ? search
            ? noMatch(search)
            : noOne
          : `${people.length} ${people.length === 1 ? "person" : "people"} found${suggestions.more ? ": type more to narrow" : ""}.`;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={[props["aria-describedby"], `${id}-status`].filter(Boolean).join(" ")}
        aria-invalid={props["aria-invalid"]}
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
          // Text that names no one chosen is let go: the box then means no one, as its placeholder says.
          if (!chosen) setTyped("");
        }}
      />
      <p id={`${id}-status`} role="status" className="sr-only">
        {open ? status : ""}
      </p>
      {open && (
        <div className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-md border bg-background shadow-md">
          <ul id={listId} role="listbox" aria-label="People" className="max-h-64 overflow-y-auto py-1">
            {people.map((person, index) => (
              <li
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                // Keeps the focus in the box, so choosing does not first blur it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
                className={cn(
                  "cursor-pointer px-3 py-1.5 text-sm",
                  index === active ? "bg-accent-soft text-accent" : "hover:bg-muted",
                )}
              >
                {person.name} <span className="text-muted-foreground">({person.username})</span>
              </li>
            ))}
          </ul>
          {(people.length === 0 || suggestions.state !== "ready") && (
            <p aria-hidden className="px-3 py-2 text-sm text-muted-foreground">
              {status}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
