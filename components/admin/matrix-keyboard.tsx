"use client";

import { useEffect, useRef, type ChangeEvent, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";

// The editable permission matrix's behaviour, over the checkboxes the server rendered: the "all"
// toggles of a row, a column or the whole matrix tick their members; the boxes are one Tab stop,
// arrow keys move between them (Home and End to the row's ends). Without JavaScript every box is a
// plain checkbox and each toggle does nothing.

type Box = HTMLInputElement;

const CELL = "input[data-r][data-c]";

function members(root: HTMLElement, toggle: Box): Box[] {
  const [kind, key] = (toggle.dataset.toggle ?? "").split(":");
  return [...root.querySelectorAll<Box>("input[data-resource][data-action]")].filter(
    (box) => kind === "all" || (kind === "row" ? box.dataset.resource === key : box.dataset.action === key),
  );
}

/** Each toggle shows its members: ticked when all are, mixed when some are. */
function syncToggles(root: HTMLElement) {
  for (const toggle of root.querySelectorAll<Box>("input[data-toggle]")) {
    const boxes = members(root, toggle);
    const ticked = boxes.filter((box) => box.checked).length;
    toggle.checked = ticked > 0 && ticked === boxes.length;
    toggle.indeterminate = ticked > 0 && ticked < boxes.length;
  }
}

function makeTabStop(root: HTMLElement, cell: Box) {
  for (const other of root.querySelectorAll<Box>(CELL)) other.tabIndex = other === cell ? 0 : -1;
}

export function MatrixKeyboard({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const first = root.querySelector<Box>(CELL);
    if (first) makeTabStop(root, first);
    syncToggles(root);
    // React resets a form's fields after its action; the toggles follow once the boxes have.
    const form = root.closest("form");
    const onReset = () => setTimeout(() => syncToggles(root), 0);
    form?.addEventListener("reset", onReset);
    return () => form?.removeEventListener("reset", onReset);
  }, []);

  function onChange(event: ChangeEvent<HTMLDivElement>) {
    const root = ref.current;
    const target = event.target as Box;
    if (!root) return;
    if (target.dataset.toggle) for (const box of members(root, target)) box.checked = target.checked;
    syncToggles(root);
  }

  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const target = event.target as Box;
    if (ref.current && target.matches(CELL)) makeTabStop(ref.current, target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const root = ref.current;
    const target = event.target as Box;
    if (!root || !target.matches(CELL)) return;
    const [r, c] = [Number(target.dataset.r), Number(target.dataset.c)];
    const cells = [...root.querySelectorAll<Box>(CELL)];
    const lastColumn = Math.max(
      ...cells.filter((cell) => Number(cell.dataset.r) === r).map((cell) => Number(cell.dataset.c)),
    );
    const lastRow = Math.max(...cells.map((cell) => Number(cell.dataset.r)));
    const moves: Record<string, [number, number]> = {
      ArrowRight: [r, Math.min(c + 1, lastColumn)],
      ArrowLeft: [r, Math.max(c - 1, 0)],
      ArrowDown: [Math.min(r + 1, lastRow), c],
      ArrowUp: [Math.max(r - 1, 0), c],
      Home: [r, 0],
      End: [r, lastColumn],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = cells.find((cell) => Number(cell.dataset.r) === move[0] && Number(cell.dataset.c) === move[1]);
    if (next) {
      makeTabStop(root, next);
      next.focus();
    }
  }

  return (
    // min-w-0: inside the form's grid the matrix scrolls in its own box instead of widening the page.
    <div ref={ref} className="min-w-0" onChange={onChange} onFocus={onFocus} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
