import { expect, test } from '@playwright/test';
import { control } from '../support/control';
import { registryBase, storageStatePath } from '../support/personas';

/**
 * The hierarchy's 30-second poll asks for connected registries' runtime state
 * only, and a device's new connection state shows on its node without the
 * overview being downloaded again. (Named to run before
 * connected-registry-admin.spec.ts, which deactivates edgeline4 for good.)
 */
/** The demo's edgeline4 is Offline for maintenance and resyncs three minutes after the start. */
const RESYNC_MS = 4 * 60_000;

test.use({ storageState: storageStatePath('admin') });

test('the poll reads runtime state, not the overview, and shows a connection-state change', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(`${registryBase}/hierarchy`);
  const node = page.getByRole('treeitem', { name: /^edgeline4\b/ });
  await expect(node).toContainText('Offline');

  const reads: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/overview(\/|$)/.test(path)) reads.push(path.replace(/^.*\/overview/, 'overview'));
  });
  // Let the first runtime answer (sent when the overview arrived) settle before the device moves.
  await page.clock.runFor(1_000);
  await control('/clock/advance', 'POST', { ms: RESYNC_MS });
  try {
    // One poll may serve the snapshot while it refreshes; the next one shows the refresh.
    for (let i = 0; i < 3 && !(await node.innerText()).includes('Syncing'); i += 1) {
      const poll = page.waitForResponse((r) => r.url().endsWith('/overview/runtime'));
      await page.clock.runFor(30_000);
      await poll;
      await page.clock.runFor(500);
    }
    await expect(node).toContainText('Syncing');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set(['overview/runtime']));
  } finally {
    await control('/clock/advance', 'POST', { ms: -RESYNC_MS });
  }
});
