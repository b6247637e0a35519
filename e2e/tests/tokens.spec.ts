import { expect, test, type Page } from '@playwright/test';
import { registryBase, storageStatePath } from '../support/personas';

test.use({ storageState: storageStatePath('admin') });

const tokenLinks = (page: Page) => page.getByRole('table', { name: 'Tokens' }).getByRole('link');

test('the tokens grid filters by password state and search, and every view is a deep link', async ({
  page,
}) => {
  await page.goto(`${registryBase}/tokens?password=expired`);
  const table = page.getByRole('table', { name: 'Tokens' });
  await expect(table.getByRole('link', { name: 'line1-camera01', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'ci-pipeline', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'fleet-monitor', exact: true })).toHaveCount(0);

  await page
    .getByRole('searchbox', { name: 'Search' })
    .or(page.getByLabel('Search'))
    .first()
    .fill('camera');
  await expect(page).toHaveURL(/q=camera/);
  await expect(table.getByRole('link', { name: 'ci-pipeline', exact: true })).toHaveCount(0);
  await expect(table.getByRole('link', { name: 'line1-camera01', exact: true })).toBeVisible();

  // The same view after a reload, from the URL alone.
  await page.reload();
  await expect(page.getByLabel('Search').first()).toHaveValue('camera');
  await expect(table.getByRole('link', { name: 'line1-camera01', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'ci-pipeline', exact: true })).toHaveCount(0);
});

test('a token row links to its detail, with the scope map as a permission matrix', async ({
  page,
}) => {
  await page.goto(`${registryBase}/tokens?q=line1-hmi`);
  await tokenLinks(page)
    .filter({ hasText: /^line1-hmi$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/tokens\/line1-hmi$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('line1-hmi');
  await expect(page.getByText('line-agent-admin').first()).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Repository permissions of line1-hmi' });
  await expect(matrix.getByRole('columnheader', { name: 'content delete' })).toBeVisible();
  const row = matrix.getByRole('row', { name: /^factory\/line-agent/ });
  // Columns: repository, content read, write, delete, metadata read, write.
  await expect(row.getByRole('cell').nth(3)).toHaveText('allowed');
});
