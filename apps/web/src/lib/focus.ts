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
 * still be loading its chunk or data, so look for its h1 for a few frames.
 */
export function focusPageHeading(maxFrames = 120): void {
  let frames = 0;
  const look = () => {
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
      h1.focus();
      return;
    }
    if (++frames < maxFrames) window.requestAnimationFrame(look);
  };
  // Two frames: the router has resolved, React commits the new page in between.
  window.requestAnimationFrame(() => window.requestAnimationFrame(look));
}
