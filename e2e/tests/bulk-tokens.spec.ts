import { expect, test, type Page } from '@playwright/test';
import { emulateColorScheme, expectNoSeriousAxeViolations } from '../support/axe';
import { registryBase, storageStatePath } from '../support/personas';

test.use({ storageState: storageStatePath('admin') });

const grid = (page: Page) => page.getByRole('table', { name: 'Tokens' });

/** Runs a bulk action on every token the grid's filter matches; returns the dialog. */
async function bulkOnAllMatching(page: Page, menuItem: RegExp, confirmation: string) {
  await page.getByRole('button', { name: /^Select all \d+ matching$/ }).click();
  await page.getByRole('button', { name: 'Bulk actions' }).click();
  await page.getByRole('menuitem', { name: menuItem }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('list', { name: 'What will change' })).toBeVisible();
  await dialog.getByLabel(`Type "${confirmation}" to confirm`).fill(confirmation);
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog.getByText('Finished')).toBeVisible({ timeout: 30_000 });
  return dialog;
}

test('a bulk disable from a filtered grid shows each token outcome, then a bulk enable undoes it', async ({
  page,
}) => {
  await page.goto(`${registryBase}/tokens?kind=client&q=camera`);
  await expect(grid(page).getByRole('link', { name: 'line1-camera01', exact: true })).toBeVisible();
  const matching = await grid(page).getByRole('row').count();
  const count = matching - 1; // the header row
  expect(count).toBeGreaterThan(1);

  const dialog = await bulkOnAllMatching(page, /^Disable tokens/, `disable ${count} tokens`);
  const outcomes = dialog.getByRole('list', { name: 'Outcome per token' });
  await expect(outcomes.getByRole('listitem')).toHaveCount(count);
  await expect(outcomes.getByText('Done', { exact: true })).toHaveCount(count);
  await expect(dialog.getByRole('status').filter({ hasText: 'done' })).toContainText(
    `${count} done, 0 failed`,
  );
  await expectNoSeriousAxeViolations(page);
  await emulateColorScheme(page, 'dark');
  await expectNoSeriousAxeViolations(page);
  await emulateColorScheme(page, 'light');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The grid reads them back disabled.
  await page.goto(`${registryBase}/tokens?kind=client&q=camera&status=enabled`);
  await expect(page.getByText('No token matches')).toBeVisible();

  // Undo, so the demo stays as other specs expect it.
  await page.goto(`${registryBase}/tokens?kind=client&q=camera`);
  const again = await bulkOnAllMatching(page, /^Enable tokens/, `enable ${count} tokens`);
  await expect(
    again.getByRole('list', { name: 'Outcome per token' }).getByText('Done', { exact: true }),
  ).toHaveCount(count);
  await again.getByRole('button', { name: 'Close' }).click();
});

test('"all matching" leaves sync tokens out and says so', async ({ page }) => {
  await page.goto(`${registryBase}/tokens?kind=sync`);
  await page.getByRole('button', { name: /^Select all \d+ matching$/ }).click();
  await page.getByRole('button', { name: 'Bulk actions' }).click();
  await page.getByRole('menuitem', { name: /^Disable tokens/ }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByText(/sync tokens are left out/)).toBeVisible();
  await expect(dialog.getByText('Nothing to change: every chosen token is skipped.')).toBeVisible();
  await expect(
    dialog.getByText(/Blast radius: Connected registry sitenorth stops syncing/),
  ).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await emulateColorScheme(page, 'dark');
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('the finding filter shows only the tokens a finding type targets, as a dismissible chip', async ({
  page,
}) => {
  await page.goto(`${registryBase}/tokens?finding=password.expired`);
  const chip = page.getByRole('button', { name: 'Remove the filter Finding: Expired password' });
  await expect(chip).toBeVisible();
  await expect(grid(page).getByRole('link', { name: 'line1-camera01', exact: true })).toBeVisible();
  await expect(grid(page).getByRole('link', { name: 'fleet-monitor', exact: true })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
  await emulateColorScheme(page, 'dark');
  await expectNoSeriousAxeViolations(page);
  await chip.click();
  await expect(page).not.toHaveURL(/finding=/);
  await expect(grid(page).getByRole('link', { name: 'fleet-monitor', exact: true })).toBeVisible();
});
