import { useEffect, useState } from 'react';
import { lastRestoreTarget } from './restore-focus';

/**
 * Where focus goes back to when a dialog opening now closes (dialog-frame.tsx): what has focus,
 * or, when focus was lost on the way (the opener hidden while the dialog's code
 * loaded), the last restoreFocusTarget button to take focus, still on the page.
 */
export function dialogOpener(doc: Document = document): Element | null {
  const active = doc.activeElement;
  if (active && active !== doc.body && doc.contains(active)) return active;
  return lastRestoreTarget(doc);
}

/**
 * Gives focus back to the dialog's opener (dialogOpener) when closing it
 * left focus on <body>, as Fluent's Dialog does through Tabster when Tabster
 * was already running as the opener took focus. Created with the dialog, Tabster
 * never saw it. Call it in a component that mounts with the dialog, before
 * Fluent's Dialog moves focus into it.
 */
export function useReturnFocusOnClose(): void {
  // Read on the first render, while focus is still where it was.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : dialogOpener()));
  useEffect(
    () => () => {
      // After Tabster's own restore (if it knew the opener) and before keepFocusOnPage (lib/focus.ts).
      window.setTimeout(() => returnFocus(opener), 0);
    },
    [opener],
  );
}

/** Focuses `opener` if focus is lost (on <body> or nowhere) and `opener` is still on the page. */
export function returnFocus(opener: Element | null, doc: Document = document): boolean {
  const active = doc.activeElement;
  if (active && active !== doc.body && doc.contains(active)) return false;
  if (!(opener instanceof HTMLElement) || !doc.contains(opener)) return false;
  opener.focus();
  return doc.activeElement === opener;
}
