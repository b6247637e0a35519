import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { personas, registryBase, storageStatePath } from '../support/personas';

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
  // Nesting: a flat tree in document order, each edge registry after its site (and before the next).
  const order = await page
    .getByRole('treeitem')
    .evaluateAll((items) => items.map((i) => (i as HTMLElement).innerText.split(/\s/)[0]));
  expect(order).toEqual([
    'contosoregistry',
    'sitenorth',
    'edgeline1',
    'edgeline2',
    'edgespare1',
    'sitesouth',
    'edgeline3',
    'edgeline4',
  ]);
  await expect(node('sitenorth')).toHaveAttribute('aria-setsize', '2');
  await expect(node('sitesouth')).toHaveAttribute('aria-posinset', '2');
  await expect(node('edgespare1')).toHaveAttribute('aria-posinset', '3');

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
    page
      .getByRole('table', { name: /^Connected registry offline/ })
      .getByRole('row')
      .filter({ hasText: 'edgeline3' })
      .first(),
  ).toBeVisible();
});

const tree = (page: Page) => page.getByRole('tree');
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

test('the selected node is in the URL: reload and Back restore it', async ({ page }) => {
  await page.goto(`${registryBase}/hierarchy`);
  await item(page, 'edgeline2').click();
  await expect(page).toHaveURL(/node=edgeline2/);
  await page.reload();
  await expect(item(page, 'edgeline2')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'edgeline2' })).toBeVisible();

  await item(page, 'edgeline3').click();
  await expect(page.getByRole('heading', { level: 2, name: 'edgeline3' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/node=edgeline2/);
  await expect(item(page, 'edgeline2')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'edgeline2' })).toBeVisible();
});

test('the tree follows the WAI-ARIA tree pattern from the keyboard', async ({ page }) => {
  await page.goto(`${registryBase}/hierarchy?node=edgeline1`);
  // The selected node's panel loads its sections on demand: keys are pressed once it is drawn.
  await expect(page.getByRole('heading', { level: 2, name: 'edgeline1' })).toBeVisible();
  // One tab stop (the selected row), reached with Tab from the control before the tree.
  await expect(tree(page).locator('[tabindex="0"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Collapse all' }).focus();
  await page.keyboard.press('Tab');
  await expect(item(page, 'edgeline1')).toBeFocused();

  const press = async (key: string, focused: string) => {
    await page.keyboard.press(key);
    await expect(item(page, focused), `${key} → ${focused}`).toBeFocused();
  };
  await press('ArrowDown', 'edgeline2');
  await press('ArrowLeft', 'sitenorth'); // a leaf: to its parent
  await page.keyboard.press('ArrowLeft'); // open: closes
  await expect(item(page, 'sitenorth')).toHaveAttribute('aria-expanded', 'false');
  await expect(item(page, 'edgeline1')).toHaveCount(0);
  await press('ArrowDown', 'sitesouth'); // the closed subtree is skipped
  await press('ArrowUp', 'sitenorth');
  await page.keyboard.press('ArrowRight'); // closed: opens
  await expect(item(page, 'sitenorth')).toHaveAttribute('aria-expanded', 'true');
  await press('ArrowRight', 'edgeline1'); // open: to the first child
  await press('End', 'edgeline4');
  await press('Home', 'contosoregistry');
  await press('e', 'edgeline1'); // type-ahead
  await press('e', 'edgeline2');
  await expect(tree(page).locator('[tabindex="0"]')).toHaveCount(1);
  // Moving focus does not select; Enter does.
  await expect(page).toHaveURL(/node=edgeline1/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/node=edgeline2/);
  await expect(item(page, 'edgeline2')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'edgeline2' })).toBeVisible();
});

test('search and filters narrow the tree, keep ancestors, and live in the URL', async ({
  page,
}) => {
  await page.goto(`${registryBase}/hierarchy`);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('LINE3');
  await expect(page).toHaveURL(/q=LINE3/);
  await expect(tree(page).getByRole('treeitem')).toHaveCount(3);
  await expect(item(page, 'sitesouth')).toBeVisible();
  await expect(item(page, 'edgeline3').locator('mark')).toHaveText('line3');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(tree(page).getByRole('treeitem')).toHaveCount(8);

  // Problems: not connected, not activated, or a sync token that cannot sign in.
  await page.getByRole('checkbox', { name: 'Show only problems' }).check();
  await expect(page).toHaveURL(/problems=true/);
  await expect(item(page, 'edgeline2')).toBeVisible(); // Unhealthy
  await expect(item(page, 'edgeline3')).toBeVisible(); // Offline
  await expect(item(page, 'edgeline1')).toHaveCount(0); // Online, fine
  await page.getByLabel('Mode').selectOption('ReadWrite');
  await expect(page.getByText(/^0 of \d+ connected registries match$/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Show only problems' })).toBeChecked();
  await expect(page.getByLabel('Mode')).toHaveValue('ReadWrite');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation on the filtered hierarchy with a node selected, ${theme}`, async ({
    page,
  }) => {
    await page.goto('/registries');
    await page.evaluate((t) => localStorage.setItem('latchkey.theme', t), theme);
    await page.goto(`${registryBase}/hierarchy?q=edge&node=edgeline2`);
    await expect(item(page, 'edgeline2').locator('mark')).toHaveText('edge');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);
  });
}
