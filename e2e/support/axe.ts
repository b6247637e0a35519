import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe on the page as it is now: no serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // A switch to the dark theme fetches its colours first: judge the page once it is done.
  await page.waitForFunction(() => !document.querySelector('[data-theme-pending]'));
  // A dialog that just opened may still be fading in (dialogs load on demand,
  // so one can open a moment later): judge colours once every animation ended.
  // Endless ones (a spinner) are left alone.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).join('; ')}`,
    ),
  ).toEqual([]);
}

/**
 * Switches the emulated colour scheme and waits until the console shows it:
 * the dark theme loads on demand, so right after the switch the page may still
 * be in light colours (or half-way), which axe would judge.
 */
export async function emulateColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.querySelector('#root > .fui-FluentProvider');
        return root ? getComputedStyle(root).getPropertyValue('--colorNeutralBackground1') : '';
      }),
    )
    .toBe(scheme === 'dark' ? '#292929' : '#ffffff');
}
