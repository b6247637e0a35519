import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { registryBase, storageStatePath } from '../support/personas';

// A token no other spec uses: disabled and enabled again, so the scenario ends as it began.
const token = 'audit-export';

async function downloadText(page: Page, name: string): Promise<string> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  return readFile(await d.path(), 'utf8');
}

test.describe.serial('the audit log', () => {
  test.describe('as the admin', () => {
    test.use({ storageState: storageStatePath('admin') });

    test('a change made in the console appears with its outcome and ARM request id', async ({
      page,
    }) => {
      await page.goto(`${registryBase}/tokens/${token}`);
      await page.getByRole('button', { name: 'Disable', exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disable token' }).click();
      await expect(page.getByRole('button', { name: 'Enable', exact: true })).toBeVisible();
      await page.getByRole('button', { name: 'Enable', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Disable', exact: true })).toBeVisible();

      await page.goto('/audit');
      await page.getByLabel('Action').selectOption('token.disable');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(/action=token\.disable/);
      const row = page
        .getByRole('table', { name: 'Audit records' })
        .getByRole('row')
        .filter({ hasText: `tokens/${token}` })
        .first();
      await expect(row).toContainText('token.disable');
      await expect(row).toContainText('Succeeded');
      await expect(row).toContainText('avery');
      // The ARM request ids of the write (the emulator sends x-ms-request-id like Azure).
      await expect(row.getByRole('cell').nth(5)).not.toHaveText('—');
      await expect(row.getByRole('cell').nth(5)).not.toHaveText('');
      // Before and after are text, shown on request.
      await row.getByText('Show before and after').click();
      await expect(row.getByText(/"status": "enabled"/).first()).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });
  });

  test.describe('as the reviewer', () => {
    test.use({ storageState: storageStatePath('reviewer') });

    test('verifies the hash chain and sees it intact', async ({ page }) => {
      await page.goto('/audit');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
      await page.getByRole('button', { name: 'Verify hash chain' }).click();
      await expect(page.getByText(/Chain intact: \d+ records verified at/)).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });

    test('exports the filtered records as CSV and JSON', async ({ page }) => {
      await page.goto('/audit?action=token.enable');
      await expect(
        page
          .getByRole('table', { name: 'Audit records' })
          .getByRole('row')
          .filter({
            hasText: `tokens/${token}`,
          }),
      ).not.toHaveCount(0);
      const csv = await downloadText(page, 'Export the audit log as CSV');
      const lines = csv.split(/\r?\n/).filter(Boolean);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).some((l) => l.includes('token.enable') && l.includes(token))).toBe(
        true,
      );
      expect(lines.slice(1).every((l) => !l.includes('token.disable'))).toBe(true);

      const json = JSON.parse(await downloadText(page, 'Export the audit log as JSON')) as unknown;
      expect(JSON.stringify(json)).toContain(`tokens/${token}`);
      expect(JSON.stringify(json)).not.toContain('token.disable');
    });
  });
});
