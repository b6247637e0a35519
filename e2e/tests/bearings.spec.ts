import { expect, test, type Page } from '@playwright/test';
import { demo, registryBase, storageStatePath } from '../support/personas';

test.use({ storageState: storageStatePath('admin') });

const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;

/** Every console page, with the tab title that names it. */
const pages: ReadonlyArray<readonly [path: string, title: string]> = [
  ['/registries', 'Registries · Latchkey'],
  [`${registryBase}/hierarchy`, 'Hierarchy · contosoregistry · Latchkey'],
  [`${registryBase}/hierarchy?node=edgeline2`, 'Hierarchy · contosoregistry · Latchkey'],
  [`${registryBase}/tokens`, 'Tokens · contosoregistry · Latchkey'],
  [
    `${registryBase}/tokens/north-build-agent`,
    'Token north-build-agent · contosoregistry · Latchkey',
  ],
  [`${registryBase}/scope-maps`, 'Scope maps · contosoregistry · Latchkey'],
  [
    `${registryBase}/scope-maps/_repositories_pull`,
    'Scope map _repositories_pull · contosoregistry · Latchkey',
  ],
  ['/access-review', 'Access review · Latchkey'],
  [`${registryBase}/access-review`, 'Access review: findings · contosoregistry · Latchkey'],
  [
    `${registryBase}/access-review?tab=who-can-access&repository=factory%2Fmes-api&place=sitenorth`,
    'Access review: who can access · contosoregistry · Latchkey',
  ],
  [
    `${registryBase}/access-review?tab=matrix&place=edgeline1`,
    'Access review: matrix · contosoregistry · Latchkey',
  ],
  [
    `${registryBase}/access-review?tab=clients&place=edgeline2`,
    'Access review: clients · contosoregistry · Latchkey',
  ],
  ['/audit', 'Audit log · Latchkey'],
];

// An ISO 8601 timestamp as an API returns it: 2026-03-09T12:00 (seconds, zone optional).
const isoTimestamp = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

for (const [path, title] of pages) {
  test(`the tab title names the page: ${path}`, async ({ page }) => {
    await page.goto(path);
    await settled(page);
    await expect(page).toHaveTitle(title);
  });
}

for (const [path] of pages) {
  test(`no raw ISO timestamp in the visible text of ${path}`, async ({ page }) => {
    await page.goto(path);
    await settled(page);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(isoTimestamp);
    // The times are there, in words, with the exact one on hover.
    if (path.includes('/tokens/') || path.includes('/scope-maps/'))
      await expect(page.locator('time[title]').first()).toBeVisible();
  });
}

test('following a link moves focus to the new page heading', async ({ page }) => {
  await page.goto(`${registryBase}/hierarchy`);
  await settled(page);
  // The side navigation.
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: 'Tokens' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeFocused();
  // The navigation marks the page in view, and only it.
  const nav = page.getByRole('navigation', { name: 'Console' });
  await expect(nav.locator('[aria-current="page"]')).toHaveText(['Tokens']);
  await expect(nav.getByRole('link', { name: 'Tokens' })).toHaveAttribute('aria-current', 'page');
  // A link in the page (the grid shows a window of rows: search for the token first).
  await page.getByLabel('Search').first().fill('north-build-agent');
  await page
    .getByRole('table', { name: 'Tokens' })
    .getByRole('link', { name: 'north-build-agent', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Token north-build-agent' }),
  ).toBeFocused();
  // The breadcrumb, back up.
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link')).toHaveText(['Registries', 'contosoregistry', 'Tokens']);
  await crumbs.getByRole('link', { name: 'Tokens' }).click();
  await expect(page).toHaveURL(new RegExp(`${registryBase}/tokens$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeFocused();
  await crumbs.getByRole('link', { name: 'Registries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registries' })).toBeFocused();
});

test('the first Tab stop skips to the main content', async ({ page }) => {
  await page.goto(`${registryBase}/tokens`);
  await settled(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab stop is inside the main content, not the navigation.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
  expect(inMain).toBe(true);
});

test('a mistyped registry says so once, and its name does not stick in the shell', async ({
  page,
}) => {
  const bogus = `/registries/${registry.subscriptionId}/${registry.resourceGroup}/contosoregistryx/tokens`;
  await page.goto(bogus);
  await expect(
    page.getByRole('heading', { level: 1, name: 'No registry contosoregistryx' }),
  ).toBeVisible();
  await expect(
    page.getByText(/There is no registry contosoregistryx in resource group/),
  ).toHaveCount(1);
  await expect(page.getByRole('banner')).not.toContainText('contosoregistryx');
  await expect(page.getByRole('navigation', { name: 'Console' })).not.toContainText(
    'contosoregistryx',
  );
  await expect(page).toHaveTitle('No registry contosoregistryx · Latchkey');
  // Not remembered either: the next page without a registry in its address does not show it.
  await page.getByRole('link', { name: 'Choose a registry', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registries' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console' })).not.toContainText(
    'contosoregistryx',
  );

  await page.goto(`/registries/not-a-guid/${registry.resourceGroup}/contosoregistry/tokens`);
  await expect(page.getByText(/is not a GUID/)).toHaveCount(1);
  await expect(page.getByText(/must be a subscription id/)).toHaveCount(0);

  // The nav's registry entries, with no registry in view, ask to choose one.
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: /Tokens/ })
    .click();
  await expect(page).toHaveURL(/\/registries\?for=tokens$/);
  await expect(page.getByText('Its tokens open when you choose it.')).toBeVisible();
  await page.getByRole('link', { name: 'contosoregistry', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${registryBase}/tokens$`));
});

test('copy buttons say they copied, and resources link to the Azure portal', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${registryBase}/tokens/north-build-agent`);
  await settled(page);
  const copy = page.getByRole('button', {
    name: /Copy the resource id of token north-build-agent/,
  });
  await copy.click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(
    /^\/subscriptions\/.+\/providers\/Microsoft\.ContainerRegistry\/registries\/contosoregistry\/tokens\/north-build-agent$/,
  );
  const portal = page.getByRole('link', {
    name: /Open in Azure portal: token north-build-agent/,
  });
  await expect(portal).toHaveAttribute(
    'href',
    `https://portal.azure.com/#@${demo.tenants[0]!.id}/resource${copied}`,
  );
  await expect(portal).toHaveAttribute('target', '_blank');
  // Refresh is on the detail page too.
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeVisible();

  await page.goto('/registries');
  await settled(page);
  await page.getByRole('button', { name: 'Copy the login server of contosoregistry' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'contosoregistry.azurecr.io',
  );
});
