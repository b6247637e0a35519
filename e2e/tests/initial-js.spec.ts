import { expect, test, type Page } from '@playwright/test';
import { firstLoadScripts, sumKb } from '../support/initial-js';
import { registryBase, storageStatePath } from '../support/personas';

test.use({ storageState: storageStatePath('admin') });

const tokensTable = (page: Page) => page.getByRole('table', { name: 'Tokens' });

// What a first visit to each page downloads, as gzip (the build's .gz twins).
// The target is 200 KB gzip for every first page, not reached yet but by
// the registries page (README "Performance" says why and has the figures); the
// ceilings below are what the build reaches today plus about 2 KB, so a change
// that pulls more into a first load fails here.
const firstPages = [
  {
    name: 'registries',
    path: '/registries',
    ready: (page: Page) =>
      expect(page.getByRole('link', { name: 'contosoregistry' }).first()).toBeVisible(),
    ceilingKb: 185,
  },
  {
    name: 'tokens',
    path: `${registryBase}/tokens`,
    ready: (page: Page) => expect(tokensTable(page).getByRole('link').first()).toBeVisible(),
    ceilingKb: 219,
  },
  {
    name: 'access review',
    path: `${registryBase}/access-review`,
    ready: (page: Page) =>
      expect(page.getByRole('list', { name: 'Findings by type' })).toBeVisible(),
    ceilingKb: 204,
  },
  {
    name: 'hierarchy',
    path: `${registryBase}/hierarchy`,
    ready: (page: Page) =>
      expect(page.getByRole('treeitem', { name: /^sitenorth\b/ })).toBeVisible(),
    ceilingKb: 233,
  },
  {
    name: 'audit',
    path: '/audit',
    // The filters are the first view; the records below them, or the note that there are none yet.
    ready: async (page: Page) => {
      await expect(page.getByRole('button', { name: 'Apply filters' })).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Audit records' }).or(page.getByText('No changes yet')),
      ).toBeVisible();
    },
    ceilingKb: 251,
  },
  {
    name: 'token detail',
    path: `${registryBase}/tokens/north-build-agent`,
    ready: async (page: Page) => {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('north-build-agent');
      await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
    },
    ceilingKb: 233,
  },
  {
    name: 'scope map detail',
    path: `${registryBase}/scope-maps/factory-push`,
    ready: async (page: Page) => {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('factory-push');
      await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
    },
    ceilingKb: 244,
  },
] as const;

for (const first of firstPages) {
  test(`a first visit to ${first.name} fetches only its own page's JavaScript, brotli-encoded`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStatePath('admin') });
    const page = await context.newPage();
    const scripts = await firstLoadScripts(page, first.path, first.ready);
    await context.close();
    const gzipKb = sumKb(scripts, 'gzip');
    test.info().annotations.push({
      type: 'initial JS',
      description: `${first.name}: ${gzipKb.toFixed(1)} KB gzip, ${sumKb(scripts, 'transferred').toFixed(1)} KB on the wire (br), ${scripts.length} files`,
    });
    expect(scripts.length).toBeGreaterThan(2);
    for (const s of scripts) {
      expect(s.encoding, s.file).toBe('br');
      expect(s.transferred, s.file).toBeLessThan(s.gzip + 64);
    }
    // Pages the person has not opened are not downloaded.
    const files = scripts.map((s) => s.file).join(' ');
    for (const other of [
      'create-token-form',
      'user-menu-popup',
      'error-panel-message-bar',
      'notice-list',
    ]) {
      expect(files).not.toContain(other);
    }
    if (first.name !== 'access review') expect(files).not.toContain('access-review-page');
    if (first.name !== 'audit') expect(files).not.toContain('audit-page');
    expect(gzipKb).toBeLessThanOrEqual(first.ceilingKb);
  });
}

test('editors and the user menu are fetched when first opened', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') fetched.push(new URL(r.url()).pathname);
  });
  await page.goto(`${registryBase}/tokens`);
  await expect(tokensTable(page).getByRole('link').first()).toBeVisible();
  expect(fetched.some((f) => f.includes('create-token-form'))).toBe(false);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('dialog', { name: 'Create a token' })).toBeVisible();
  expect(fetched.some((f) => f.includes('create-token-form'))).toBe(true);
  await page.getByRole('button', { name: 'Cancel' }).click();

  expect(fetched.some((f) => f.includes('user-menu-popup'))).toBe(false);
  await page.getByRole('button', { name: /Avery Admin/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  expect(fetched.some((f) => f.includes('user-menu-popup'))).toBe(true);
});
