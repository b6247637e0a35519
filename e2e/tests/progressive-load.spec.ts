import { expect, test } from '@playwright/test';
import { control } from '../support/control';
import { demo, registryBase, storageStatePath } from '../support/personas';

const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
/** Small pages: the demo registry's tokens span several, and the first page differs from the snapshot's (a cold read). */
const PAGE_SIZE = 5;

test.use({ storageState: storageStatePath('admin') });

test('streamed first rows appear before the sweep completes (the emulator holds the later pages)', async ({
  page,
}) => {
  const before = await control('/settings');
  // A first visit stores the snapshot; a second costs the gate alone (4 ARM requests).
  await page.goto(`${registryBase}/tokens`);
  const all = page.getByText(`${registry.tokens.length} tokens`, { exact: true });
  await expect(all).toBeVisible();
  await control('/counters/reset', 'POST');
  await page.reload();
  await expect(all).toBeVisible();
  expect((await control('/counters')).total).toBe(4);

  await control('/settings', 'PUT', { pageSize: PAGE_SIZE });
  await control('/hold', 'PUT', { afterPages: 1 });
  try {
    const stream = page.waitForRequest((r) => r.url().endsWith('/overview/stream'));
    await page.goto(`${registryBase}/tokens`);
    await stream;

    // The first page's rows, the progress against the previous snapshot's count, and a usable grid.
    const table = page.getByRole('table', { name: 'Tokens' });
    await expect(table).toBeVisible();
    const progress = page.getByText(
      new RegExp(`^${PAGE_SIZE} of ~${registry.tokens.length} tokens read from Azure$`),
    );
    await expect(progress).toBeVisible();
    await expect(
      page.getByRole('progressbar', { name: 'Reading tokens from Azure' }),
    ).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: `${PAGE_SIZE} tokens so far` }),
    ).toBeVisible();
    const firstName = await table.getByRole('link').first().innerText();
    await page.getByLabel('Search').first().fill(firstName);
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: new RegExp(`^\\d of ${PAGE_SIZE} tokens match so far$`) }),
    ).toBeVisible();
    await expect(table.getByRole('link', { name: firstName, exact: true }).first()).toBeVisible();
    await page.getByLabel('Search').first().fill('');
    // Still held: the sweep has not ended while all this was on screen.
    expect(Number((await control('/hold')).waiting)).toBeGreaterThan(0);

    await control('/hold', 'DELETE');
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(all).toBeVisible();
  } finally {
    await control('/hold', 'DELETE');
    await control('/settings', 'PUT', { pageSize: before.pageSize });
  }
});
