import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { registryBase, storageStatePath } from '../support/personas';

// Creates `edgeprobe` under the cloud registry (no other spec's sync scope maps change), sees it
// in the hierarchy, then deletes it with cleanup: the demo registry ends as it began.
const NAME = 'edgeprobe';
const api = `/api${registryBase}`;

async function openCreateDialog(page: Page) {
  await page.goto(`${registryBase}/hierarchy`);
  await page.getByRole('button', { name: 'Create connected registry' }).click();
  return page.getByRole('dialog', { name: 'Create a connected registry' });
}

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('the create dialog has no serious axe violation, light and dark', async ({ page }) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const dialog = await openCreateDialog(page);
      await dialog.getByRole('textbox', { name: /^Name/ }).fill(NAME);
      await dialog
        .getByRole('textbox', { name: /^Repositories to sync/ })
        .fill('factory/line-agent');
      await dialog.getByRole('combobox', { name: /^Parent/ }).selectOption('edgeline1');
      // ReadWrite under a ReadOnly parent: the dialog says the rule before the BFF would.
      await dialog.getByRole('radio', { name: /^ReadWrite/ }).check();
      await expect(
        dialog.getByText('a ReadOnly connected registry can only have ReadOnly children'),
      ).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
      await expectNoSeriousAxeViolations(page);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
  });

  test('creates a connected registry, sees it in the hierarchy, and deletes it with cleanup', async ({
    page,
  }) => {
    const dialog = await openCreateDialog(page);
    await dialog.getByRole('textbox', { name: /^Name/ }).fill(NAME);
    await dialog.getByRole('textbox', { name: /^Repositories to sync/ }).fill('factory/line-agent');
    await expect(dialog.getByText(`Create sync token ${NAME} with that scope map`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toHaveCount(0);

    // The new node is selected, and it is in the tree.
    const panel = page.getByRole('complementary', { name: NAME });
    await expect(panel.getByRole('heading', { name: NAME, level: 2 })).toBeVisible();
    await expect(page.getByRole('tree').getByText(NAME, { exact: true })).toBeVisible();
    const res = await page.request.get(`${api}/connected-registries/${NAME}`);
    expect(res.status()).toBe(200);
    const detail = (await res.json()) as {
      connectedRegistry: { mode: string; parentName: string | null; syncTokenName: string };
      syncScopeMap: { actions: string[] };
    };
    expect(detail.connectedRegistry).toMatchObject({
      mode: 'ReadOnly',
      parentName: null,
      syncTokenName: NAME,
    });
    expect(detail.syncScopeMap.actions).toContain(`gateway/${NAME}/message/write`);

    await panel.getByRole('button', { name: 'Delete' }).click();
    const del = page.getByRole('alertdialog', { name: `Delete ${NAME}?` });
    await expect(del.getByRole('checkbox', { name: /^Clean up/ })).toBeChecked();
    await expectNoSeriousAxeViolations(page);
    await del.getByRole('textbox', { name: /^Type edgeprobe/ }).fill(NAME);
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect(del).toHaveCount(0);
    await expect(page.getByRole('tree').getByText(NAME, { exact: true })).toHaveCount(0);
    expect((await page.request.get(`${api}/tokens/${NAME}`)).status()).toBe(404);
    expect((await page.request.get(`${api}/scope-maps/${NAME}`)).status()).toBe(404);
  });
});

test.describe('as the reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('sees no create or delete action', async ({ page }) => {
    await page.goto(`${registryBase}/hierarchy?node=edgeline1`);
    await expect(page.getByRole('complementary', { name: 'edgeline1' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create connected registry' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  });
});
