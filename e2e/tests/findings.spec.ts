import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expectNoRawIsoTime } from '../support/iso-time';
import { demo, registryBase, storageStatePath } from '../support/personas';

// Worst first, as the findings catalogue orders them.
const severities = ['critical', 'high', 'medium', 'low', 'info'];
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
const now = Date.now();
// From the scenario definition: tokens with a password past its expiry.
const expired = [
  ...new Set(
    registry.tokens
      .filter((t) => t.passwords.some((p) => p.expiry && Date.parse(p.expiry) < now))
      .map((t) => t.name),
  ),
];

test.use({ storageState: storageStatePath('reviewer') });

test('findings are grouped by type with counts, worst first, and a group opens to its targets', async ({
  page,
}) => {
  expect(expired.length).toBeGreaterThan(1);
  await page.goto(`${registryBase}/access-review`);
  const groups = page.getByRole('list', { name: 'Findings by type' }).getByRole('listitem');
  await expect(groups.first()).toBeVisible();
  const status = await page
    .getByRole('status')
    .filter({ hasText: /findings, computed/ })
    .innerText();
  const total = Number(/^([\d,]+) findings/.exec(status)![1]!.replace(/,/g, ''));
  const headers = await groups.allInnerTexts();
  const counts = headers.map((h) => Number(/([\d,]+) findings?/.exec(h)![1]!.replace(/,/g, '')));
  // Every finding is in exactly one group.
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  expect(status).toContain(`${headers.length} finding types`);
  // Worst severity first.
  const rank = headers.map((h) =>
    severities.findIndex((s) =>
      new RegExp(`\\b${s}\\b`, 'i').test(h.split('\n').slice(1).join(' ')),
    ),
  );
  expect(rank).toEqual([...rank].sort((a, b) => a - b));

  // Closed until asked; opened, its targets as links to their pages.
  const group = groups.filter({ hasText: 'Expired password' });
  await expect(group).toContainText(`${expired.length} findings`);
  const toggle = group.getByRole('button', { name: 'Expired password', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const table = page.getByRole('table', { name: 'Expired password findings' });
  for (const name of expired)
    await expect(
      table.getByRole('link', { name: new RegExp(`^token ${name} slot`) }).first(),
    ).toHaveAttribute('href', `${registryBase}/tokens/${name}`);
  // A group of tokens leads to the tokens grid filtered to that finding.
  await expect(
    group.getByRole('link', { name: /Show these tokens in the tokens grid/ }),
  ).toHaveAttribute('href', `${registryBase}/tokens?finding=password.expired`);
  // Evidence reads as times a person reads.
  await expectNoRawIsoTime(page);

  // The detail opens beside the list, with its own URL.
  await table
    .getByRole('button', { name: /^Details of Expired password/ })
    .first()
    .click();
  const panel = page.getByRole('dialog', { name: 'Finding: Expired password' });
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/detail=password\.expired/);
  await expectNoRawIsoTime(page);
  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole('dialog', { name: 'Finding: Expired password' })).toBeVisible();
  await page.getByRole('button', { name: 'Close finding details' }).click();
  await expect(page).not.toHaveURL(/detail=/);
});

test('grouped by target, each token, scope map or connected registry is one row', async ({
  page,
}) => {
  await page.goto(`${registryBase}/access-review`);
  await page.getByLabel('Group by').selectOption('target');
  await expect(page).toHaveURL(/group=target/);
  const table = page.getByRole('table', { name: 'Findings by target' });
  const row = table.getByRole('row').filter({ hasText: expired[0]! });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: expired[0]! })).toHaveAttribute(
    'href',
    `${registryBase}/tokens/${expired[0]!}`,
  );
  await row.getByRole('button', { name: /^Details of the findings about token/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoRawIsoTime(page);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe is clean on the grouped findings and their panel in ${colorScheme}`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${registryBase}/access-review?finding=password.expired`);
    await expect(page.getByRole('table', { name: 'Expired password findings' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page
      .getByRole('button', { name: /^Details of Expired password/ })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${registryBase}/access-review?group=target`);
    await expect(page.getByRole('table', { name: 'Findings by target' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
}
