import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { consoleUrl, e2eBffDbDir, e2eBffLogFile } from '../ports';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { demo, registryBase, storageStatePath } from '../support/personas';
import {
  browserTraces,
  filesContaining,
  recordApiResponses,
  recordUrls,
  type RecordedResponse,
} from '../support/secret-traces';

// e2e-lifecycle-token (and its inline scope map) is created here and used by no other spec.
// The sync token whose disable dialog is opened is only looked at: the dialog is cancelled,
// so the hierarchy other specs read stays as the scenario made it.
const tokenName = 'e2e-lifecycle-token';
const scopeMapName = `${tokenName}-scope-map`;
const loginServer = 'contosoregistry.azurecr.io';
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
const syncedRegistry = registry.connectedRegistries.find((c) => c.name === 'edgeline3')!;
const api = `/api${registryBase}`;
const DAY = 24 * 3600_000;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface SlotView {
  name: 'password1' | 'password2';
  present: boolean;
  creationTime?: string;
  expiry?: string;
}
interface TokenBody {
  token: {
    name: string;
    status: 'enabled' | 'disabled';
    scopeMapName?: string;
    passwords: SlotView[];
  };
}

async function readToken(page: Page, name = tokenName): Promise<TokenBody['token']> {
  const res = await page.request.get(`${api}/tokens/${name}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as TokenBody).token;
}

/** The responses whose body holds `secret`: exactly one, the reveal, uncacheable. */
function expectOnlyTheReveal(
  responses: RecordedResponse[],
  secret: string,
  reveal: { method: string; path: RegExp; status: number },
): RecordedResponse {
  const holding = responses.filter((r) => r.body?.includes(secret));
  expect(holding.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`)).toHaveLength(1);
  const [one] = holding;
  expect(one!.method).toBe(reveal.method);
  expect(new URL(one!.url).pathname).toMatch(reveal.path);
  expect(one!.status).toBe(reveal.status);
  expect(one!.cacheControl).toBe('no-store');
  return one!;
}

/** The BFF's log lines (JSON, one per line), once the line for `requestId` is there. */
async function bffLogWith(
  requestId: string,
): Promise<{ text: string; lines: Array<Record<string, unknown>> }> {
  let text = '';
  await expect
    .poll(
      async () => {
        text = await readFile(e2eBffLogFile, 'utf8').catch(() => '');
        return text.includes(requestId);
      },
      { message: `the BFF log (${e2eBffLogFile}) records request ${requestId}` },
    )
    .toBe(true);
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { text, lines };
}

test.describe.configure({ mode: 'serial' });

test.describe('a token through its whole life, as the admin', () => {
  test.use({ storageState: storageStatePath('admin'), timezoneId: 'UTC' });

  test('creates a token with an inline scope map; its first password is revealed once and found nowhere after', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
    const responses = recordApiResponses(page);
    const urls = recordUrls(page);

    await page.goto(`${registryBase}/tokens`);
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create a token' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(tokenName);
    await form.getByRole('radio', { name: /^Define permissions here/ }).check();
    // Rule 1 keeps its default permissions (content read, metadata read); rule 2 adds a push.
    const rule1 = form.getByRole('group', { name: 'Repository rule 1' });
    await rule1.getByRole('textbox', { name: /^Repository/ }).fill('factory/line-agent');
    await form.getByRole('button', { name: 'Add repository rule' }).click();
    const rule2 = form.getByRole('group', { name: 'Repository rule 2' });
    await rule2.getByRole('textbox', { name: /^Repository/ }).fill('factory/e2e-lifecycle/*');
    await rule2
      .getByRole('group', { name: 'Permissions for repository rule 2' })
      .getByRole('checkbox', { name: 'content write' })
      .check();
    await expect(form.getByText('5 of at most 500 actions.')).toBeVisible();
    await form.getByRole('radio', { name: /^30 days/ }).check();
    await expectNoSeriousAxeViolations(page);
    const submitted = Date.now();
    await form.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('alertdialog', { name: `Token ${tokenName} created` });
    const passwordBox = reveal.getByRole('textbox', { name: 'Password 1' });
    const password = await passwordBox.inputValue();
    expect(password.length).toBeGreaterThan(20);
    await expect(reveal.getByRole('textbox', { name: 'Username' })).toHaveValue(tokenName);
    await expect(reveal.getByText(/^Expires /)).toBeVisible();
    await expect(reveal.locator('pre')).toHaveText([
      `docker login ${loginServer} --username ${tokenName} --password-stdin`,
    ]);
    await expectNoSeriousAxeViolations(page);

    // Copy puts exactly the shown value on the clipboard, and says so.
    await reveal.getByRole('button', { name: 'Copy password 1' }).click();
    await expect(reveal.getByRole('button', { name: 'Copy password 1' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

    await reveal.getByRole('button', { name: 'I have stored it, close' }).click();
    await expect(reveal).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/tokens/${tokenName}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(tokenName);

    // Read back: the map holds what was typed; slot 1 holds a password expiring in 30 days.
    const map = await page.request.get(`${api}/scope-maps/${scopeMapName}`);
    expect(
      ((await map.json()) as { scopeMap: { actions: string[] } }).scopeMap.actions.sort(),
    ).toEqual([
      'repositories/factory/e2e-lifecycle/*/content/read',
      'repositories/factory/e2e-lifecycle/*/content/write',
      'repositories/factory/e2e-lifecycle/*/metadata/read',
      'repositories/factory/line-agent/content/read',
      'repositories/factory/line-agent/metadata/read',
    ]);
    const created = await readToken(page);
    expect(created.scopeMapName).toBe(scopeMapName);
    const [slot1, slot2] = created.passwords;
    expect(slot1).toMatchObject({ name: 'password1', present: true });
    expect(slot2).toMatchObject({ name: 'password2', present: false });
    const expiry = Date.parse(slot1!.expiry!);
    expect(expiry).toBeGreaterThanOrEqual(submitted + 30 * DAY - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 30 * DAY + 1000);

    // Gone from the browser: page, URL, history, storage of every kind.
    const assertNotInBrowser = async () => {
      const traces = await browserTraces(page);
      expect(traces.html).toContain(tokenName);
      for (const [where, text] of Object.entries(traces)) {
        expect(text.includes(password), `password in ${where}`).toBe(false);
      }
      expect(urls.length).toBeGreaterThan(1);
      for (const url of urls) expect(url.includes(password), url).toBe(false);
    };
    await assertNotInBrowser();
    await page.reload();
    await expect(
      page.getByRole('region', { name: 'Password slots' }).getByText('Password 1'),
    ).toBeVisible();
    await assertNotInBrowser();

    // Of every API response the page got in this test, only the reveal carried it.
    const all = await responses.all();
    expect(all.some((r) => r.method === 'GET' && r.url.endsWith(`/tokens/${tokenName}`))).toBe(
      true,
    );
    const revealed = expectOnlyTheReveal(all, password, {
      method: 'POST',
      path: new RegExp(`^${escapeRegExp(api)}/tokens$`),
      status: 201,
    });

    // Not in the BFF's log, which did record the creation.
    const log = await bffLogWith(revealed.requestId!);
    expect(
      log.lines.find((l) => l.requestId === revealed.requestId && l.msg === 'request'),
    ).toMatchObject({ method: 'POST', path: `${api}/tokens`, status: 201 });
    expect(log.text.includes(password), 'password in the BFF log').toBe(false);

    // Not in the BFF's database files, read raw: the audit record of the creation is on disk
    // (so the files do hold what the BFF wrote), the password is in none of them.
    await expect
      .poll(async () => (await filesContaining(e2eBffDbDir, scopeMapName)).length, {
        message: `the audit record naming ${scopeMapName} reaches ${e2eBffDbDir}`,
      })
      .toBeGreaterThan(0);
    expect(await filesContaining(e2eBffDbDir, password)).toEqual([]);
  });

  test('rotates: the proposed slot is the empty one, then the old slot is revoked', async ({
    page,
  }) => {
    const responses = recordApiResponses(page);
    await page.goto(`${registryBase}/tokens/${tokenName}`);
    await page.getByRole('button', { name: 'Generate password' }).click();
    const form = page.getByRole('dialog', { name: `Generate a password for ${tokenName}` });
    // Slot 1 holds the first password and slot 2 is empty: the console proposes slot 2.
    const proposed = form.getByRole('radio', { name: /· proposed$/ });
    await expect(proposed).toHaveCount(1);
    await expect(proposed).toHaveAccessibleName(/^Password 2: empty · proposed$/);
    await expect(proposed).toBeChecked();
    await expect(form.getByRole('radio', { name: /^Password 1: created / })).not.toBeChecked();
    await expect(form.getByText(/This slot holds a password/)).toHaveCount(0);

    // A date of my choosing: the end of that day (UTC here), 200 days ahead.
    const date = new Date(Date.now() + 200 * DAY).toISOString().slice(0, 10);
    await form.getByRole('radio', { name: 'On a date I choose' }).check();
    await form.getByLabel(/^Expires at the end of/).fill(date);
    await form.getByRole('button', { name: 'Generate password 2' }).click();

    const reveal = page.getByRole('alertdialog', { name: `New password for ${tokenName}` });
    const password2 = await reveal.getByRole('textbox', { name: 'Password 2' }).inputValue();
    expect(password2.length).toBeGreaterThan(20);
    await expect(reveal.getByRole('textbox', { name: 'Password 1' })).toHaveCount(0);
    await reveal.getByRole('button', { name: 'I have stored it, close' }).click();
    await expect(reveal).toHaveCount(0);
    expect((await page.content()).includes(password2)).toBe(false);

    const slots = page.getByRole('region', { name: 'Password slots' });
    await slots.getByRole('button', { name: 'Revoke password 1' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke password 1 of ${tokenName}?` });
    await expect(confirm.getByText(/This cannot be undone/)).toBeVisible();
    await confirm.getByRole('button', { name: 'Revoke password 1' }).click();
    await expect(confirm).toHaveCount(0);

    // Read back, in the page and from the API: slot 1 empty, slot 2 with the chosen expiry.
    const slotItem = (label: string) =>
      slots.getByRole('listitem').filter({ hasText: new RegExp(`^${label}`) });
    await expect(slotItem('Password 1')).toContainText('No password');
    await expect(slots.getByRole('button', { name: 'Revoke password 1' })).toHaveCount(0);
    await expect(slotItem('Password 2')).toContainText('expires');
    await expect(slots.getByRole('button', { name: 'Revoke password 2' })).toBeVisible();
    const [slot1, slot2] = (await readToken(page)).passwords;
    expect(slot1).toMatchObject({ name: 'password1', present: false });
    expect(slot2).toMatchObject({ name: 'password2', present: true });
    expect(Date.parse(slot2!.expiry!)).toBe(Date.parse(`${date}T23:59:59Z`));

    expectOnlyTheReveal(await responses.all(), password2, {
      method: 'POST',
      path: new RegExp(`^${escapeRegExp(api)}/tokens/${tokenName}/passwords$`),
      status: 200,
    });
  });

  test('disables the token and enables it again, reading the status back each time', async ({
    page,
  }) => {
    const summary = page.getByRole('region', { name: 'Summary' });
    const gridRow = async () => {
      await page.goto(`${registryBase}/tokens?q=${tokenName}`);
      return page
        .getByRole('table', { name: 'Tokens' })
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: tokenName, exact: true }) });
    };

    await page.goto(`${registryBase}/tokens/${tokenName}`);
    await expect(summary.getByText('Enabled', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: `Disable ${tokenName}?` });
    await expect(dialog.getByText(/Its passwords are kept/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Disable token' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(summary.getByText('Disabled', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enable', exact: true })).toBeVisible();
    expect((await readToken(page)).status).toBe('disabled');
    await expect((await gridRow()).getByText('Disabled', { exact: true })).toBeVisible();

    await page.goto(`${registryBase}/tokens/${tokenName}`);
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect(summary.getByText('Enabled', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Disable', exact: true })).toBeVisible();
    expect((await readToken(page)).status).toBe('enabled');
    const row = await gridRow();
    await expect(row.getByText('Enabled', { exact: true })).toBeVisible();
    await expect(row.getByText('Disabled', { exact: true })).toHaveCount(0);
  });

  test('disabling a sync token explains the suspension and waits for the registry name', async ({
    page,
  }) => {
    const syncToken = syncedRegistry.syncTokenName;
    // The token's name is not the registry's: typing the wrong one of the two must not do.
    expect(syncToken).not.toBe(syncedRegistry.name);
    const changes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/api/'))
        changes.push(`${r.method()} ${r.url()}`);
    });

    await page.goto(`${registryBase}/tokens/${syncToken}`);
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    const dialog = page.getByRole('alertdialog', {
      name: `Disable ${syncToken} and suspend ${syncedRegistry.name}?`,
    });
    await expect(
      dialog.getByText(
        new RegExp(`Disabling it disables ${syncedRegistry.name}: it can no longer sync`),
      ),
    ).toBeVisible();
    const typed = dialog.getByRole('textbox', {
      name: new RegExp(
        `^Type ${syncedRegistry.name} \\(the connected registry's name\\) to confirm`,
      ),
    });
    const submit = dialog.getByRole('button', { name: 'Disable token' });
    await expect(submit).toBeDisabled();
    for (const wrong of [syncToken, syncedRegistry.name.toUpperCase(), `${syncedRegistry.name}x`]) {
      await typed.fill(wrong);
      await expect(submit, wrong).toBeDisabled();
    }
    await typed.fill(syncedRegistry.name);
    await expect(submit).toBeEnabled();
    await expect(dialog.getByText('Matches.')).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(changes).toEqual([]);
    expect((await readToken(page, syncToken)).status).toBe('enabled');
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByText('Enabled', { exact: true }),
    ).toBeVisible();
  });
});
