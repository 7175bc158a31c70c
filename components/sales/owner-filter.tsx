"use client";

import { PersonPicker, type Person } from "@/components/ui/person-picker";

type OwnerFilterProps = {
  id: string;
  /** The form field that carries the chosen person's id ("" for anyone). */
  name: string;
  /** The person the list is filtered by now, if any. */
  initial: Person | null;
};

/** The sales filter's owner: suggests people owning a sale the viewer may list, as one types. */
export function OwnerFilter({ id, name, initial }: OwnerFilterProps) {
  return (
    <PersonPicker
      id={id}
      name={name}
      initial={initial}
      source="/sales/owners"
      listKey="owners"
      placeholder="Anyone: type a name"
      noMatch={(typed) => `No one owning a deal you can see matches “${typed}”.`}
      noOne="No one owns a deal you can see."
      failure="The owners could not be loaded: try again"
    />
  );
}
