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

/**
 * After following a link to another page, move focus to that page's heading
 * (the h1 every page has, tabindex -1), as a screen reader expects: otherwise
 * focus stays on the link just followed, or drops to <body>. The new page may
 * still be loading its chunk or its data, and its heading may be drawn again
 * once the data is in, so keep watching until the navigation has settled and
 * focus has rested on the heading for a moment (bounded in time), and stop at
 * once when the person moves focus themselves.
 */
export function focusPageHeading(
  isSettled: () => boolean = () => true,
  { maxMs = 10_000, restMs = 600 } = {},
): void {
  const start = performance.now();
  const origin = document.activeElement;
  let focused: HTMLElement | null = null;
  let focusedAt = 0;
  const look = () => {
    const now = performance.now();
    const active = document.activeElement;
    // Focus went somewhere we did not put it: the person is on their way.
    const movedByPerson =
      active !== null &&
      active !== document.body &&
      active !== origin &&
      active !== focused &&
      document.contains(active) &&
      !(active instanceof HTMLHeadingElement && active.closest('main'));
    if (movedByPerson) return;
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1 && h1 !== active) {
      if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
      focused = h1;
      focusedAt = now;
    }
    const rested = focused !== null && isSettled() && now - focusedAt >= restMs;
    if (!rested && now - start < maxMs) window.requestAnimationFrame(look);
  };
  // Two frames: the router has resolved, React commits the new page in between.
  window.requestAnimationFrame(() => window.requestAnimationFrame(look));
}
