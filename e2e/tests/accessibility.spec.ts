import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { registryBase, storageStatePath } from '../support/personas';

const pages = [
  ['registries', '/registries'],
  ['hierarchy', `${registryBase}/hierarchy`],
  ['hierarchy with a node selected', `${registryBase}/hierarchy?node=edgeline2`],
  ['tokens', `${registryBase}/tokens`],
  ['tokens filtered by a finding', `${registryBase}/tokens?finding=password.no-expiry`],
  ['token detail', `${registryBase}/tokens/line1-hmi`],
  ['scope maps', `${registryBase}/scope-maps`],
  ['scope map detail', `${registryBase}/scope-maps/_repositories_pull`],
  ['access review', '/access-review'],
  ['audit log', '/audit'],
  ['registry access review: findings', `${registryBase}/access-review`],
  [
    'registry access review: who can access',
    `${registryBase}/access-review?tab=who-can-access&repository=factory%2Fmes-api&place=sitenorth`,
  ],
  ['registry access review: matrix', `${registryBase}/access-review?tab=matrix&place=edgeline1`],
  ['registry access review: clients', `${registryBase}/access-review?tab=clients&place=edgeline2`],
  ['registries, asked for from Tokens before choosing one', '/registries?for=tokens'],
  [
    'a mistyped registry address',
    `${registryBase.replace(/contosoregistry$/, 'contosoregistryx')}/tokens`,
  ],
  // Served by the BFF as HTML pages (no SPA): the printable evidence report's
  // summary, one section on its own page, and the whole report.
  ['printable access-review report', `/api${registryBase}/reports/access-review`],
  [
    'printable report: effective access',
    `/api${registryBase}/reports/access-review?section=effective-access`,
  ],
  ['printable report: every section', `/api${registryBase}/reports/access-review?section=all`],
] as const;

for (const who of ['admin', 'reviewer'] as const) {
  test.describe(`as the ${who}`, () => {
    test.use({ storageState: storageStatePath(who) });
    for (const [name, path] of pages) {
      test(`axe finds no serious violation on ${name}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole('main')).toBeVisible();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Let loading skeletons resolve before judging.
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        await expectNoSeriousAxeViolations(page);
      });
    }
  });
}

// The dark theme (the console follows the system's colour scheme): the same pages, judged again.
test.describe('in the dark theme, as the admin', () => {
  test.use({ storageState: storageStatePath('admin'), colorScheme: 'dark' });
  for (const [name, path] of pages) {
    test(`axe finds no serious violation on ${name} (dark)`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoSeriousAxeViolations(page);
    });
  }
});
