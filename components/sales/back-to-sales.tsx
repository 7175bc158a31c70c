"use client";

import Link from "next/link";
import { useEffect, useSyncExternalStore } from "react";
import { buttonClass } from "@/components/ui/button";

/** Where the sales list was last seen in this tab, filters, sort and page included. */
const LAST_LIST_KEY = "ledgerline:sales-list";

function isListAddress(value: string | null): value is string {
  return value !== null && (value === "/sales" || value.startsWith("/sales?"));
}

/** Put on the sales list: remembers its address (the URL holds all of its state) for this tab. */
export function RememberSalesList({ address }: { address: string }) {
  useEffect(() => {
    sessionStorage.setItem(LAST_LIST_KEY, address);
  }, [address]);
  return null;
}

/** The tab's storage is only written by the list page, never while this link is on screen. */
const noChanges = () => () => {};

function rememberedList(): string {
  const remembered = sessionStorage.getItem(LAST_LIST_KEY);
  return isListAddress(remembered) ? remembered : "/sales";
}

/** "Back to sales", to the list as it was left in this tab (plain /sales on a fresh tab). */
export function BackToSales() {
  const href = useSyncExternalStore(noChanges, rememberedList, () => "/sales");
  return (
    <Link href={href} className={buttonClass({ variant: "ghost" })}>
      Back to sales
    </Link>
  );
}
