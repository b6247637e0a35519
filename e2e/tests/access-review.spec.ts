import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { demo, registryBase, storageStatePath } from '../support/personas';
import { e2ePorts } from '../ports';

// Expectations come from the scenario definition, never from the page.
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
const now = Date.now();
const expiredPasswordTokens = [
  ...new Set(
    registry.tokens
      .filter((t) => t.passwords.some((p) => p.expiry && Date.parse(p.expiry) < now))
      .map((t) => t.name),
  ),
].sort();

/** Whether a scope-map action grants `permission` on `repo` (names, `x/*` prefixes, `*`). */
function grants(action: string, repo: string, permission: string): string | undefined {
  const m = /^repositories\/(.+)\/(content|metadata)\/(read|write|delete)$/i.exec(action);
  if (!m || `${m[2]}/${m[3]}`.toLowerCase() !== permission) return undefined;
  const pattern = m[1]!.toLowerCase();
  const ok =
    pattern === '*' ||
    pattern === repo ||
    (pattern.endsWith('/*') && repo.startsWith(pattern.slice(0, -1)));
  return ok ? action.toLowerCase() : undefined;
}

/**
 * Tokens a connected registry accepts (its client tokens and its children's
 * sync tokens) whose scope map grants the permission, with the rules.
 */
function expectedGrants(place: string, repo: string, permission: string) {
  const cr = registry.connectedRegistries.find((c) => c.name === place)!;
  const childSyncTokens = registry.connectedRegistries
    .filter((c) => c.parentName === place)
    .map((c) => c.syncTokenName);
  return [...cr.clientTokenNames, ...childSyncTokens].flatMap((name) => {
    const token = registry.tokens.find((t) => t.name === name)!;
    const map = registry.scopeMaps.find((m) => m.name === token.scopeMapName);
    const rules = (map?.actions ?? []).flatMap((a) => grants(a, repo, permission) ?? []);
    return rules.length > 0 ? [{ token: name, rules }] : [];
  });
}

/** The body rows of an ARIA table (the header row carries no cells). */
async function bodyRowTexts(page: Page, table: string): Promise<string[]> {
  const rows = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({
      has: page.getByRole('cell'),
    });
  return rows.allInnerTexts();
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function download(page: Page, linkName: string): Promise<{ d: Download; text: string }> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const path = await d.path();
  return { d, text: await readFile(path, 'utf8') };
}

test.describe('as the reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('loading the access review reads Azure once: no more ARM requests than the tokens page', async ({
    page,
  }) => {
    const control = (path: string, method = 'GET') =>
      fetch(`http://127.0.0.1:${e2ePorts.control}${path}`, { method }).then(
        (r) => r.json() as Promise<{ total: number }>,
      );
    const armRequestsFor = async (path: string, ready: () => Promise<void>) => {
      await control('/counters/reset', 'POST');
      await page.goto(path);
      await ready();
      return (await control('/counters')).total;
    };
    const tokensPage = await armRequestsFor(`${registryBase}/tokens`, () =>
      expect(
        page.getByRole('table', { name: 'Tokens' }).getByRole('link', { name: 'ci-pipeline' }),
      ).toBeVisible(),
    );
    const review = await armRequestsFor(`${registryBase}/access-review`, () =>
      expect(page.getByRole('status').filter({ hasText: /findings, computed/ })).toBeVisible(),
    );
    expect(tokensPage).toBeGreaterThan(0);
    expect(review).toBe(tokensPage);
  });

  test('the access review is reached from the nav, through a list of registries', async ({
    page,
  }) => {
    await page.goto('/access-review');
    await page.getByRole('link', { name: 'contosoregistry' }).click();
    await expect(page).toHaveURL(new RegExp(`${registryBase}/access-review`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Access review of contosoregistry',
    );
    // From a registry page, the nav leads straight to that registry's review.
    await page.goto(`${registryBase}/tokens`);
    await page.getByRole('link', { name: 'Access review' }).click();
    await expect(page).toHaveURL(new RegExp(`${registryBase}/access-review`));
  });

  test('finds the expired passwords of the scenario, and no fix links', async ({ page }) => {
    expect(expiredPasswordTokens.length).toBeGreaterThan(1);
    await page.goto(`${registryBase}/access-review`);
    await page.getByLabel('Finding type').selectOption({ label: 'Expired password' });
    await expect(page).toHaveURL(/finding=password\.expired/);
    const table = page.getByRole('table', { name: 'Findings' });
    await expect(table).toBeVisible();
    // The group's rows render a moment after its table (virtualized): read them once they are all there.
    let texts: string[] = [];
    await expect
      .poll(async () => {
        texts = await bodyRowTexts(page, 'Findings');
        return [...new Set(texts.map((t) => /token (\S+) slot/.exec(t)?.[1]))].sort();
      })
      .toEqual(expiredPasswordTokens);
    // One group, opened, its count in the header.
    await expect(
      page.getByRole('button', { name: 'Expired password', exact: true }),
    ).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('listitem').filter({ hasText: 'Expired password' })).toContainText(
      `${texts.length} findings`,
    );
    await expect(page.getByRole('link', { name: /^Fix / })).toHaveCount(0);

    // Details explain why and how, and the view survives a reload from the URL alone.
    await page
      .getByRole('button', { name: /^Details of Expired password: token line1-camera01/ })
      .click();
    const detail = page.getByRole('dialog', { name: 'Finding: Expired password' });
    await expect(detail.getByText(/Generate a new password in this slot/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Finding type')).toHaveValue('password.expired');
    // The panel reopens from the URL (its code loads on demand): judge it once it is there.
    await expect(detail.getByText(/Generate a new password in this slot/)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test('asks who can push to factory/mes-api on sitenorth and gets the tokens with their rules', async ({
    page,
  }) => {
    const expected = expectedGrants('sitenorth', 'factory/mes-api', 'content/write');
    expect(expected.length).toBeGreaterThan(1);
    await page.goto(`${registryBase}/access-review`);
    await page.getByRole('tab', { name: 'Who can access' }).click();
    await page.getByRole('combobox', { name: /^Repository/ }).fill('factory/mes-api');
    await page.getByLabel('Place').selectOption('sitenorth');
    await page.getByLabel('Permission').selectOption('content/write');
    await expect(page).toHaveURL(/place=sitenorth/);
    const name = 'Who can access factory/mes-api on sitenorth';
    await expect(page.getByRole('table', { name })).toBeVisible();
    const texts = await bodyRowTexts(page, name);
    expect(texts).toHaveLength(expected.length);
    for (const e of expected) {
      const row = texts.find((t) => t.split('\n')[0]?.trim() === e.token);
      expect(row, e.token).toBeDefined();
      expect(row).toContain('content write');
      for (const rule of e.rules) expect(row).toContain(rule);
    }
    await expectNoSeriousAxeViolations(page);

    // On a ReadOnly connected registry, a write grant is listed with the reason it has no effect.
    await page.getByLabel('Place').selectOption('edgeline1');
    await page.getByRole('combobox', { name: /^Repository/ }).fill('factory/line-agent');
    const readOnly = 'Who can access factory/line-agent on edgeline1';
    await expect(page.getByRole('table', { name: readOnly })).toBeVisible();
    const hmi = (await bodyRowTexts(page, readOnly)).find((t) => t.includes('line1-hmi'));
    expect(hmi).toContain('edgeline1 is ReadOnly');
  });

  test('a malformed parameter in a pasted link is ignored, not shown as "undefined"', async ({
    page,
  }) => {
    const link = `${registryBase}/access-review?tab=who-can-access&repository=factory%2Fmes-api&place=sitenorth`;
    const name = 'Who can access factory/mes-api on sitenorth';
    await page.goto(link);
    await expect(page.getByRole('table', { name })).toBeVisible();
    const anyPermission = await bodyRowTexts(page, name);
    expect(anyPermission.length).toBeGreaterThan(0);
    // "push" is no permission name: the answer is the same as with no permission chosen.
    await page.goto(`${link}&permission=push`);
    await expect(page.getByRole('table', { name })).toBeVisible();
    expect(await bodyRowTexts(page, name)).toEqual(anyPermission);
    await expect(page.getByLabel('Permission')).toHaveValue('');
    await expect(page.getByRole('main')).not.toContainText('undefined');
  });

  test("a child's sync token is accepted at its parent: who-can-access, the hierarchy and the token page say so", async ({
    page,
  }) => {
    // From the scenario: edgeline1 is a child of sitenorth, and its sync scope map
    // grants content/read on factory/line-agent, which sitenorth syncs.
    const edgeline1 = registry.connectedRegistries.find((c) => c.name === 'edgeline1')!;
    expect(edgeline1.parentName).toBe('sitenorth');
    const syncToken = registry.tokens.find((t) => t.name === edgeline1.syncTokenName)!;
    const syncMap = registry.scopeMaps.find((m) => m.name === syncToken.scopeMapName)!;
    const rules = syncMap.actions.flatMap(
      (a) => grants(a, 'factory/line-agent', 'content/read') ?? [],
    );
    expect(rules.length).toBeGreaterThan(0);

    await page.goto(
      `${registryBase}/access-review?tab=who-can-access&repository=factory%2Fline-agent&place=sitenorth`,
    );
    const name = 'Who can access factory/line-agent on sitenorth';
    await expect(page.getByRole('table', { name })).toBeVisible();
    const row = (await bodyRowTexts(page, name)).find(
      (t) => t.split('\n')[0]?.trim() === syncToken.name,
    );
    expect(row, syncToken.name).toBeDefined();
    expect(row).toContain('sync token of child edgeline1');
    expect(row).toContain('content read');
    for (const rule of rules) expect(row).toContain(rule);
    await expectNoSeriousAxeViolations(page);

    // The hierarchy node of sitenorth lists it under "Accepted here", saying how.
    await page.goto(`${registryBase}/hierarchy?node=sitenorth`);
    const accepted = page.getByRole('list', { name: 'Tokens accepted by sitenorth' });
    await expect(accepted.getByRole('listitem').filter({ hasText: syncToken.name })).toContainText(
      'sync token of child edgeline1',
    );
    const sitenorth = registry.connectedRegistries.find((c) => c.name === 'sitenorth')!;
    const children = registry.connectedRegistries.filter((c) => c.parentName === 'sitenorth');
    await expect(accepted.getByRole('listitem')).toHaveCount(
      new Set([...sitenorth.clientTokenNames, ...children.map((c) => c.syncTokenName)]).size,
    );
    await expectNoSeriousAxeViolations(page);

    // The token's page lists sitenorth among the places that accept it.
    await page.goto(`${registryBase}/tokens/${syncToken.name}`);
    const places = page.getByRole('table', { name: 'Places that accept this token' });
    await expect(places.getByRole('row').filter({ hasText: 'sitenorth' })).toContainText(
      'sync token of child edgeline1',
    );
    const access = page.getByRole('table', { name: 'Effective access per place' });
    await expect(
      access
        .getByRole('row')
        .filter({ hasText: 'sitenorth' })
        .filter({ hasText: 'factory/line-agent' }),
    ).toContainText('content read');
    await expectNoSeriousAxeViolations(page);
  });

  test('the matrix names every cell, and the accepted-tokens tab warns about ineffective grants', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/access-review?tab=matrix`);
    await page.getByRole('searchbox', { name: 'Token', exact: true }).fill('mes-north-app');
    await expect(
      page.getByRole('cell', {
        name: 'mes-north-app on factory/mes-api: content read, content write, metadata read',
      }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('tab', { name: 'Accepted tokens' }).click();
    await page.getByLabel('Place').selectOption('edgeline2');
    // edgeline2 has no child, so it accepts exactly its client tokens.
    const clients = page.getByRole('table', { name: 'Tokens accepted by edgeline2' });
    const edgeline2 = registry.connectedRegistries.find((c) => c.name === 'edgeline2')!;
    await expect(clients.getByRole('row')).toHaveCount(edgeline2.clientTokenNames.length + 1);
    await expect(clients.getByRole('row').filter({ hasText: 'line2-lost-tablet' })).toContainText(
      'Disabled but still attached',
    );
    await expectNoSeriousAxeViolations(page);
  });

  test('exports findings and effective access as CSV and JSON', async ({ page }) => {
    await page.goto(`${registryBase}/access-review`);

    const csv = await download(page, 'Export findings as CSV');
    expect(csv.d.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...rows] = parseCsv(csv.text).filter((r) => r.length > 1);
    const col = (n: string) => header!.indexOf(n);
    expect(col('findingId')).toBeGreaterThanOrEqual(0);
    const expiredInCsv = rows
      .filter((r) => r[col('findingId')] === 'password.expired')
      .map((r) => r[col('targetName')]);
    expect([...new Set(expiredInCsv)].sort()).toEqual(expiredPasswordTokens);

    const json = await download(page, 'Export findings as JSON');
    expect(json.d.suggestedFilename()).toMatch(/\.json$/);
    const body = JSON.parse(json.text) as {
      findings: Array<{ id: string; target: { name: string } }>;
    };
    expect(
      body.findings.some((f) => f.id === 'password.expired' && f.target.name === 'line1-camera01'),
    ).toBe(true);

    // Effective access follows the selected place.
    await page.getByRole('tab', { name: 'Who can access' }).click();
    await page.getByLabel('Place').selectOption('sitenorth');
    const access = await download(page, 'Export effective access on sitenorth as CSV');
    const [h, ...accessRows] = parseCsv(access.text).filter((r) => r.length > 1);
    const at = (n: string) => h!.indexOf(n);
    const row = accessRows.find(
      (r) => r[at('token')] === 'mes-north-app' && r[at('repository')] === 'factory/mes-api',
    );
    expect(row?.[at('place')]).toContain('sitenorth');
    expect(row?.[at('permissions')]).toContain('content/write');
    const accessJson = await download(page, 'Export effective access on sitenorth as JSON');
    expect(JSON.parse(accessJson.text)).toHaveProperty('entries');

    // The printable report opens in a new tab, as HTML.
    const report = page.getByRole('link', { name: /Printable report/ });
    await expect(report).toHaveAttribute('target', '_blank');
    const res = await page.request.get((await report.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
  });
});

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('follows a finding’s fix link, fixes it, and the finding is gone', async ({ page }) => {
    const filter = `${registryBase}/access-review?finding=token.enabled-without-password`;
    await page.goto(filter);
    const table = page.getByRole('table', { name: 'Findings' });
    await expect(table.getByRole('row').filter({ hasText: 'token new-service' })).toHaveCount(1);
    await page
      .getByRole('link', { name: 'Fix Enabled token with no password: token new-service' })
      .click();

    await expect(page).toHaveURL(new RegExp(`${registryBase}/tokens/new-service$`));
    const form = page.getByRole('dialog', { name: 'Generate a password for new-service' });
    await expect(form).toBeVisible();
    await form.getByRole('button', { name: /^Generate password/ }).click();
    const reveal = page.getByRole('alertdialog', { name: /New password for new-service/ });
    await expect(reveal).toBeVisible();
    await reveal.getByRole('button', { name: 'I have stored it, close' }).click();
    await expect(reveal).toHaveCount(0);
    // Reloading does not open the dialog again: the action was taken out of the URL.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('new-service');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.goto(filter);
    await expect(page.getByRole('status').filter({ hasText: /findings, computed/ })).toBeVisible();
    await expect(page.getByText('token new-service', { exact: false })).toHaveCount(0);
  });

  test('fix links open the scope-map editor and the delete confirmation', async ({ page }) => {
    await page.goto(`${registryBase}/access-review?finding=scope-map.registry-wide-wildcard`);
    await page
      .getByRole('link', { name: 'Fix Registry-wide wildcard "*": scope map all-repos-read' })
      .click();
    await expect(page).toHaveURL(new RegExp(`${registryBase}/scope-maps/all-repos-read$`));
    const editor = page.getByRole('dialog', { name: 'Edit scope map all-repos-read' });
    await expect(editor).toBeVisible();
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await expect(editor).toHaveCount(0);

    // A token with no scope map is fixed by deleting it: the link opens the typed confirmation
    // (cancelled here: the token stays for the other journeys).
    await page.goto(`${registryBase}/access-review?finding=token.no-scope-map`);
    await page
      .getByRole('link', { name: 'Fix Token with no scope map: token legacy-deployer' })
      .click();
    await expect(page).toHaveURL(new RegExp(`${registryBase}/tokens/legacy-deployer$`));
    const confirm = page.getByRole('alertdialog', { name: 'Delete token legacy-deployer?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Delete token' })).toBeDisabled();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
  });
});
