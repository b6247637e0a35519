import { expect, test } from '@playwright/test';
import { getScenario } from '../../packages/local-azure/src/scenario/index';
import { largeConsoleUrl } from '../ports';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expectNoRawIsoTime } from '../support/iso-time';
import { personas, signInAs } from '../support/personas';

// The large scenario's registry, read from its definition (not from the console).
const large = getScenario('large', new Date());
const registry = large.registries.find((r) => r.connectedRegistries.length >= 300)!;
const base = `/registries/${registry.subscriptionId}/${registry.resourceGroup}/${registry.name}`;

// The first read of 5,000 tokens builds the registry snapshot (cold, on a busy CI machine).
test.describe.configure({ timeout: 150_000 });

const number = (s: string) => Number(s.replace(/,/g, ''));

test('the findings page groups 7,000+ findings by type and opens a group to its targets', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signInAs(page, personas.reviewer, `${base}/access-review`, largeConsoleUrl);
  const status = page.getByRole('status').filter({ hasText: /findings, computed/ });
  await expect(status).toBeVisible({ timeout: 120_000 });
  const total = number(/^([\d,]+) findings/.exec(await status.innerText())![1]!);
  expect(total).toBeGreaterThanOrEqual(7_000);

  const groups = page.getByRole('list', { name: 'Findings by type' }).getByRole('listitem');
  const headers = await groups.allInnerTexts();
  const counts = headers.map((h) => number(/([\d,]+) findings?/.exec(h)![1]!));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  // Fewer groups than findings by far: one per finding type.
  expect(headers.length).toBeLessThan(30);

  // The biggest group opens to a virtualized table that knows every row.
  const biggest = counts.indexOf(Math.max(...counts));
  const group = groups.nth(biggest);
  const title = headers[biggest]!.split('\n')[0]!.trim();
  await group.getByRole('button', { name: title, exact: true }).click();
  const table = page.getByRole('table', { name: `${title} findings` });
  await expect(table).toHaveAttribute('aria-rowcount', String(counts[biggest]! + 1));
  const rendered = await table.getByRole('row').count();
  expect(rendered).toBeGreaterThan(1);
  expect(rendered).toBeLessThan(100);
  await expect(table.getByRole('link').first()).toHaveAttribute('href', new RegExp(`^${base}/`));
  await expectNoRawIsoTime(page);
  await expectNoSeriousAxeViolations(page);
});
