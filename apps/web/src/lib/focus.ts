/**
 * After a dialog closes, focus returns to the button that opened it. When that
 * button is gone (the slot just revoked, Disable swapped for Enable), focus
 * would fall to <body>: screen-reader users lose their place, and Fluent's
 * focus manager leaves focusable aria-hidden sentinels behind. Land on the
 * page's main region instead, which is the next best place.
 */
export function keepFocusOnPage(fallbackId = 'main'): void {
  // After the dialog's own restore attempt, which runs when it unmounts.
  window.setTimeout(() => {
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    document.getElementById(fallbackId)?.focus();
  }, 50);
}
