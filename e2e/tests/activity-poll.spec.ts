import { expect, test } from '@playwright/test';
import { control } from '../support/control';
import { registryBase, storageStatePath } from '../support/personas';

/**
 * The hierarchy's 30-second poll asks for connected registries' runtime state
 * only, and a device's new connection state shows on its node without the
 * overview being downloaded again. (Named to run before
 * connected-registry-admin.spec.ts, which deactivates edgeline4 for good.)
 */
/**
 * The demo's edgeline4 is Offline from 40 minutes before the scenario's start
 * until 3 minutes after it, Syncing until 5 minutes after, then Online. The
 * spec may run some minutes after the start: moving the emulator's clock back
 * 30 minutes lands in the Offline window (for a run within 30 minutes of the
 * start), and 40 minutes forward from there is past the return to Online.
 */
const BACK_MS = 30 * 60_000;
const FORWARD_MS = 40 * 60_000;

test.use({ storageState: storageStatePath('admin') });

test('the poll reads runtime state, not the overview, and shows a connection-state change', async ({
  page,
}) => {
  // Every move of the emulator's clock is undone at the end, whatever happens.
  let moved = -BACK_MS;
  await control('/clock/advance', 'POST', { ms: -BACK_MS });
  try {
    await page.clock.install();
    // The first runtime answer is asked for as soon as the overview arrives; on a busy machine
    // it can still be on its way when the clock moves below, and would show the move without a poll.
    const firstRuntime = page.waitForResponse((r) => r.url().endsWith('/overview/runtime'));
    await page.goto(`${registryBase}/hierarchy`);
    const node = page.getByRole('treeitem', { name: /^edgeline4\b/ });
    await expect(node).toContainText('Offline');
    await firstRuntime;

    const reads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\/overview(\/|$)/.test(path)) reads.push(path.replace(/^.*\/overview/, 'overview'));
    });
    // Let the first runtime answer (sent when the overview arrived) settle before the device moves.
    await page.clock.runFor(1_000);
    await control('/clock/advance', 'POST', { ms: FORWARD_MS });
    moved += FORWARD_MS;
    // One poll may serve the snapshot while it refreshes; the next one shows the refresh.
    for (let i = 0; i < 3 && !(await node.innerText()).includes('Online'); i += 1) {
      const poll = page.waitForResponse((r) => r.url().endsWith('/overview/runtime'));
      await page.clock.runFor(30_000);
      await poll;
      await page.clock.runFor(500);
    }
    await expect(node).toContainText('Online');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set(['overview/runtime']));
  } finally {
    await control('/clock/advance', 'POST', { ms: -moved });
  }
});
