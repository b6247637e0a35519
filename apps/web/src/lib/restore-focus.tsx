import { useSyncExternalStore, type ComponentType } from 'react';

/**
 * Marks a button that opens a dialog as where focus goes back to when the
 * dialog closes: the attribute Fluent's `useRestoreFocusTarget()` returns
 * (Tabster's restorer target), written out so that the button does not load
 * Tabster, Fluent's focus manager (12 KB gzip), with the page. Tabster comes
 * with the first dialog (restore-focus.test.ts checks the two attributes stay
 * the same); from then on it records the buttons so marked as they take focus.
 */
export const restoreFocusTarget = { 'data-tabster': '{"restorer":{"type":1}}' } as const;

const isRestoreTarget = (el: EventTarget | null): el is HTMLElement =>
  el instanceof HTMLElement &&
  (el.getAttribute('data-tabster') ?? '').includes('"restorer":{"type":1}');

// The last element marked restoreFocusTarget to take focus, recorded before
// Tabster runs (what Tabster's restorer would have at the top of its history).
let lastTarget: WeakRef<HTMLElement> | undefined;
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (e) => {
      if (isRestoreTarget(e.target)) lastTarget = new WeakRef(e.target);
    },
    true,
  );
}

/** The last element marked restoreFocusTarget to take focus, if it is still on the page. */
export function lastRestoreTarget(doc: Document = document): HTMLElement | null {
  const target = lastTarget?.deref();
  return target && doc.contains(target) ? target : null;
}

// What keeps Tabster running once a dialog has brought it: see keepFocusManager.
let keeper: ComponentType | undefined;
const keeperListeners = new Set<() => void>();
const subscribeKeeper = (listener: () => void) => {
  keeperListeners.add(listener);
  return () => void keeperListeners.delete(listener);
};

/**
 * Keeps Fluent's focus manager running from now on, by mounting `component`
 * (one that holds a Tabster instance) in FocusManagerKeeper. Tabster lives
 * while some component holds it. Were a dialog the only one, closing it would
 * dispose Tabster before Tabster saw the dialog leave, and the page would stay
 * hidden from assistive technology (aria-hidden) as if the dialog were still
 * open. Called by the module that brings Tabster (the dialog frame); the
 * first call wins.
 */
export function keepFocusManager(component: ComponentType): void {
  if (keeper) return;
  keeper = component;
  for (const listener of keeperListeners) listener();
}

/** Where keepFocusManager's component lives: once, inside FluentProvider, for the whole session. */
export function FocusManagerKeeper() {
  const Keeper = useSyncExternalStore(subscribeKeeper, () => keeper);
  return Keeper ? <Keeper /> : null;
}
