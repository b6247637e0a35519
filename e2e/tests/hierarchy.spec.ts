import { expect, test } from '@playwright/test';
import { personas, storageStatePath } from '../support/personas';

test.use({ storageState: storageStatePath('reviewer') });

test('the hierarchy shows the demo tree with modes and connection states', async ({ page }) => {
  await page.goto('/registries');
  await page.getByRole('link', { name: 'contosoregistry', exact: true }).click();
  await expect(page).toHaveURL(/\/hierarchy/);
  await expect(page.getByRole('button', { name: new RegExp(personas.reviewer) })).toBeVisible();

  const node = (name: string) => page.getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });
  const expected: Array<[string, string, string, number]> = [
    ['sitenorth', 'ReadWrite', 'Online', 2],
    ['sitesouth', 'ReadWrite', 'Online', 2],
    ['edgeline1', 'ReadOnly', 'Online', 3],
    ['edgeline2', 'ReadOnly', 'Unhealthy', 3],
    ['edgeline3', 'ReadOnly', 'Offline', 3],
    ['edgespare1', 'ReadOnly', 'Offline', 3],
  ];
  for (const [name, mode, state, level] of expected) {
    const item = node(name);
    await expect(item, name).toContainText(mode);
    await expect(item, name).toContainText(state);
    await expect(item, name).toHaveAttribute('aria-level', String(level));
  }
  // Nesting: an edge registry sits inside its site's subtree.
  await expect(node('sitenorth').getByRole('treeitem', { name: /^edgeline1\b/ })).toHaveCount(1);
  await expect(node('sitesouth').getByRole('treeitem', { name: /^edgeline1\b/ })).toHaveCount(0);

  // Selecting a node opens its detail, and the selection is in the URL.
  await node('edgeline2').click();
  await expect(page).toHaveURL(/node=edgeline2/);
  await expect(page.getByText('DISK_PERMISSION_DENIED')).toBeVisible();
});

test('nodes carry finding badges, and the detail leads to those findings', async ({ page }) => {
  await page.goto('/registries');
  await page.getByRole('link', { name: 'contosoregistry', exact: true }).click();
  const edgeline3 = page.getByRole('treeitem', { name: /^edgeline3\b/ });
  // Offline for days (SCENARIOS.md): at least that high finding.
  await expect(edgeline3).toContainText(/\d+ findings? \(high\)/);
  await edgeline3.click();
  await page.getByRole('link', { name: 'Review the findings about edgeline3' }).click();
  await expect(page).toHaveURL(/\/access-review\?q=edgeline3/);
  await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue('edgeline3');
  await expect(
    page.getByRole('row').filter({ hasText: 'Connected registry offline' }).first(),
  ).toContainText('edgeline3');
});
