import { expect, test, type Page } from '@playwright/test';
import { getScenario } from '../../packages/local-azure/src/scenario/index';
import { largeConsoleUrl } from '../ports';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { personas, signInAs } from '../support/personas';

// The large scenario's facts, read from its definition (not from the console).
const large = getScenario('large', new Date());
const registry = large.registries.find((r) => r.connectedRegistries.length >= 300)!;
const base = `/registries/${registry.subscriptionId}/${registry.resourceGroup}/${registry.name}/hierarchy`;
const parentOf = new Map(registry.connectedRegistries.map((c) => [c.name, c.parentName]));
const ancestors = (name: string): string[] => {
  const parent = parentOf.get(name);
  return parent ? [...ancestors(parent), parent] : [];
};
const topLevel = registry.connectedRegistries.filter((c) => !c.parentName);

const tree = (page: Page) => page.getByRole('tree');
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

// The first read of 5,000 tokens builds the registry snapshot (cold, on a busy CI machine).
test.describe.configure({ timeout: 150_000 });

/** Signs in straight to the page (one load of the large overview, not two). */
async function open(page: Page, search = ''): Promise<void> {
  await signInAs(page, personas.admin, `${base}${search}`, largeConsoleUrl);
  await expect(tree(page).getByRole('treeitem').first()).toBeVisible({ timeout: 120_000 });
}

test('a large tree opens at the top level, each site saying what is below it', async ({ page }) => {
  await open(page);
  // The cloud registry and its direct connected registries, nothing deeper.
  await expect(tree(page).getByRole('treeitem')).toHaveCount(1 + topLevel.length);
  const first = item(page, topLevel.map((c) => c.name).sort()[0]!);
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  await expect(first).toContainText(/\d+ connected registries below/);
  await expect(page.getByText('300 connected registries', { exact: true })).toBeVisible();
});

test('search finds line0246 and shows its ancestors, nothing else', async ({ page }) => {
  await open(page);
  const path = ancestors('line0246');
  expect(path.length).toBeGreaterThanOrEqual(2);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('line0246');
  await expect(page).toHaveURL(/q=line0246/);
  const items = tree(page).getByRole('treeitem');
  await expect(items).toHaveCount(path.length + 2);
  // In order, one level deeper each: cloud registry, the ancestors, the match.
  for (const [i, name] of [registry.name, ...path, 'line0246'].entries()) {
    await expect(items.nth(i)).toHaveAccessibleName(new RegExp(`^${name}\\b`));
    await expect(items.nth(i)).toHaveAttribute('aria-level', String(i + 1));
  }
  await expect(item(page, 'line0246').locator('mark')).toHaveText('line0246');
  await expect(page.getByText('1 of 300 connected registries match')).toBeVisible();
});

test('clicking a node deep in the expanded tree keeps it, and the page, where they were', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'Expand all' }).click();
  const firstSite = item(page, topLevel.map((c) => c.name).sort()[0]!);
  await expect(firstSite).toHaveAttribute('aria-expanded', 'true');
  // Virtualized: of the 301 rows, only about a screenful (and some) is in the DOM.
  const rendered = await tree(page).getByRole('treeitem').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  // Far down the page, among the deepest nodes.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.7));
  // A level-5 row (cloud registry, site, area, line, cell) well inside the viewport.
  // The virtualizer renders the rows of the new scroll position on its next frame: wait for them.
  let name: string | undefined;
  await expect
    .poll(async () => {
      name = await page.evaluate(() => {
        const rows = Array.from(
          document.querySelectorAll<HTMLElement>('[role="treeitem"][aria-level="5"]'),
        );
        const inside = rows.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.top > 150 && b.bottom < window.innerHeight - 150;
        });
        return inside[0]?.innerText.trim().split(/\s/)[0];
      });
      return name;
    })
    .toMatch(/^cell\d{4}$/);
  expect(name).toMatch(/^cell\d{4}$/);
  const target = item(page, name!);
  await expect(target).toBeInViewport();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(5000);

  await target.click();
  await expect(page).toHaveURL(new RegExp(`node=${name}`));
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const clicked = item(page, name!);
  await expect(clicked).toHaveAttribute('aria-selected', 'true');
  await expect(clicked).toBeInViewport();
  const box = (await clicked.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  const after = await page.evaluate(() => window.scrollY);
  expect(after).toBeGreaterThan(before / 2);
});

test('a link to a deep node opens the way down to it and scrolls it into view', async ({
  page,
}) => {
  const deepest = registry.connectedRegistries.filter((c) => ancestors(c.name).length === 3);
  const name = deepest
    .map((c) => c.name)
    .sort()
    .at(-1)!;
  await open(page, `?node=${name}`);
  const node = item(page, name);
  await expect(node).toHaveAttribute('aria-selected', 'true');
  await expect(node).toBeInViewport();
  // Centred in the view below the sticky header (48 px), as far as the page's length lets it:
  // the page is where centring the row puts it, kept between the page's top and bottom.
  const offCentre = () =>
    node.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const middle = 48 + (window.innerHeight - 48) / 2;
      const max = document.documentElement.scrollHeight - window.innerHeight;
      const centred = window.scrollY + (box.top + box.bottom) / 2 - middle;
      return Math.abs(window.scrollY - Math.max(0, Math.min(max, centred)));
    });
  await expect.poll(offCentre).toBeLessThanOrEqual(10);
  for (const a of ancestors(name))
    await expect(item(page, a)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
});

test('axe finds no serious violation on the filtered large hierarchy, light and dark', async ({
  page,
}) => {
  await open(page, '?problems=true&node=line0246');
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => localStorage.setItem('latchkey.theme', t), theme);
    await page.reload();
    await expect(tree(page).getByRole('treeitem').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);
  }
});
