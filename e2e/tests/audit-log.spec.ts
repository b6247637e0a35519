import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expectNoRawIsoTime } from '../support/iso-time';
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
      const table = page.getByRole('table', { name: 'Audit records' });
      const row = table.getByRole('row').filter({ hasText: token }).first();
      // Human words: the action's name, the actor's display name, the target as a link.
      await expect(row).toContainText('Disable token');
      await expect(row).not.toContainText('token.disable');
      await expect(row).toContainText('Succeeded');
      await expect(row).toContainText('Avery Admin');
      await expect(
        row.getByRole('link', { name: `Token ${token} in contosoregistry` }),
      ).toHaveAttribute('href', `${registryBase}/tokens/${token}`);
      await expect(page.getByRole('status').filter({ hasText: 'shown' })).toHaveText(
        /^(1 change|[\d,]+ changes) shown/,
      );

      // Every cell's text stays inside its cell: nothing spills over a neighbour.
      const boxes = await table.evaluate((t) =>
        Array.from(t.querySelectorAll('[data-cell-content]')).map((content) => {
          const cell = content.closest('td')!.getBoundingClientRect();
          const c = content.getBoundingClientRect();
          return {
            text: content.textContent,
            inside:
              c.left >= cell.left - 0.5 &&
              c.right <= cell.right + 0.5 &&
              c.top >= cell.top - 0.5 &&
              c.bottom <= cell.bottom + 0.5,
            // Longer text is cut with an ellipsis inside the cell (the full text is on hover).
            clipped:
              content.scrollWidth <= content.clientWidth + 1 ||
              (getComputedStyle(content).overflowX === 'hidden' &&
                getComputedStyle(content).textOverflow === 'ellipsis'),
          };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(5);
      expect(boxes.filter((b) => !b.inside || !b.clipped)).toEqual([]);

      // The side panel: field by field, in the URL, the ARM request id of the write.
      await row.getByRole('button', { name: 'Disable token' }).click();
      const panel = page.getByRole('dialog', { name: /Audit record: Disable token/ });
      await expect(panel).toBeVisible();
      await expect(page).toHaveURL(/record=/);
      const changes = panel.getByRole('table', { name: 'Before and after' });
      const status = changes.getByRole('row').filter({ hasText: 'Status' });
      await expect(status.getByRole('cell')).toHaveText(['Status', 'enabled', 'disabled']);
      await expect(panel.getByText('ARM request ids')).toBeVisible();
      await expect(panel.getByText(/^[0-9a-f-]{36}$/).first()).toBeVisible();
      await expect(panel).not.toContainText('{');
      await expectNoSeriousAxeViolations(page);
      // A link to the record opens the same panel.
      await page.reload();
      await expect(page.getByRole('dialog', { name: /Audit record: Disable token/ })).toBeVisible();
      await page.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page).not.toHaveURL(/record=/);
    });

    test('filters by part of a name and picks actors from what exists', async ({ page }) => {
      await page.goto('/audit');
      await page.getByRole('combobox', { name: 'Actor' }).click();
      await page.getByRole('option', { name: /Avery Admin/ }).click();
      await page.getByRole('combobox', { name: 'Target' }).fill(token.toUpperCase().slice(0, 8));
      await page.getByLabel('Action').selectOption('token.*');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(/actor=avery/);
      const rows = page.getByRole('table', { name: 'Audit records' }).getByRole('row');
      await expect(rows.filter({ hasText: 'Enable token' })).not.toHaveCount(0);
      await expect(rows.filter({ hasText: 'Disable token' })).not.toHaveCount(0);
    });

    test('the actor picker works from the keyboard: arrows, Enter to pick, Escape, Enter to apply', async ({
      page,
    }) => {
      await page.goto('/audit');
      const actor = page.getByRole('combobox', { name: 'Actor' });
      await actor.fill('AVERY');
      const list = page.getByRole('listbox', { name: 'Actor suggestions' });
      await expect(list.getByRole('option')).toHaveText([/Avery Admin \(avery@/]);
      await actor.press('ArrowDown');
      await expect(actor).toHaveAttribute(
        'aria-activedescendant',
        (await list.getByRole('option').first().getAttribute('id'))!,
      );
      await actor.press('Enter');
      await expect(actor).toHaveValue(/^avery@/);
      await expect(actor).toHaveAttribute('aria-expanded', 'false');
      await expect(page).not.toHaveURL(/actor=/);
      await actor.press('ArrowDown');
      await expect(list).toBeVisible();
      await expectNoSeriousAxeViolations(page);
      await actor.press('Escape');
      await expect(list).toBeHidden();
      await actor.press('Enter');
      await expect(page).toHaveURL(/actor=avery/);
      await expect(
        page.getByRole('table', { name: 'Audit records' }).getByRole('row').nth(1),
      ).toContainText('Avery Admin');
      // The clear button empties the box and leaves the focus in it.
      await actor.focus();
      await page.getByRole('button', { name: 'clear', exact: true }).click();
      await expect(actor).toHaveValue('');
      await expect(actor).toBeFocused();
    });

    test("a column is resized by dragging its header's edge, never below its minimum", async ({
      page,
    }) => {
      await page.goto('/audit');
      const table = page.getByRole('table', { name: 'Audit records' });
      const action = table.getByRole('columnheader', { name: 'Action' });
      const before = (await action.boundingBox())!;
      const drag = async (dx: number) => {
        const box = (await action.boundingBox())!;
        const [x, y] = [box.x + box.width - 2, box.y + box.height / 2];
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + dx, y, { steps: 4 });
        await page.mouse.up();
      };
      await drag(80);
      const wider = (await action.boundingBox())!.width;
      expect(wider).toBeGreaterThan(before.width + 70);
      expect(wider).toBeLessThan(before.width + 90);
      // A click on the handle does not sort or open anything; the panel stays closed.
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await drag(-1000);
      expect((await action.boundingBox())!.width).toBe(120);
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`no raw ISO time, and axe is clean, in ${colorScheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.goto('/audit');
        await expect(page.getByRole('table', { name: 'Audit records' })).toBeVisible();
        await expectNoRawIsoTime(page);
        await expectNoSeriousAxeViolations(page);
        await page
          .getByRole('table', { name: 'Audit records' })
          .getByRole('button')
          .first()
          .click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectNoRawIsoTime(page);
        await expectNoSeriousAxeViolations(page);
      });
    }
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
            hasText: `Token ${token}`,
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
