import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { demo, registryBase, storageStatePath } from '../support/personas';
import { e2ePorts } from '../ports';

// edgeline4 (ReadOnly, under sitesouth) and release-manager (unattached, `release/*` with every
// permission) are used by no other spec: this file changes them, and deactivates edgeline4 last.
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
const edge = registry.connectedRegistries.find((c) => c.name === 'edgeline4')!;
const parent = registry.connectedRegistries.find((c) => c.name === edge.parentName)!;
const syncMapOf = (cr: typeof edge) =>
  registry.tokens.find((t) => t.name === cr.syncTokenName)!.scopeMapName!;
const writeToken = 'release-manager';
const api = `/api${registryBase}`;

/** Local Azure's control API (plain http on loopback): faults and request counters. */
const control = (path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${e2ePorts.control}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
const scopeMapUpdates = async () =>
  ((await (await control('/counters')).json()) as { byOperation: Record<string, number> })
    .byOperation.ScopeMaps_Update ?? 0;

const panel = (page: Page) => page.getByRole('complementary', { name: edge.name });

async function readBack(page: Page) {
  const res = await page.request.get(`${api}/connected-registries/${edge.name}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    connectedRegistry: { clientTokenNames: string[]; activation: string };
  };
}

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('attaches a write-capable token to a ReadOnly registry after a warning, then detaches it', async ({
    page,
  }) => {
    const before = edge.clientTokenNames.length;
    await page.goto(`${registryBase}/hierarchy?node=${edge.name}`);
    const detail = panel(page);
    await expect(
      detail.getByRole('heading', { name: `Client tokens (${before} of 20)` }),
    ).toBeVisible();

    await detail.getByRole('button', { name: 'Attach client token' }).click();
    const dialog = page.getByRole('dialog', { name: `Attach a client token to ${edge.name}` });
    const select = dialog.getByRole('combobox', { name: /^Token/ });
    // Sync tokens are not offered as client tokens; attached ones are not offered again.
    await expect(
      select.locator('option', { hasText: new RegExp(`^${parent.syncTokenName} `) }),
    ).toHaveCount(0);
    await expect(
      select.locator('option', { hasText: new RegExp(`^${edge.clientTokenNames[0]} `) }),
    ).toHaveCount(0);
    await select.selectOption(writeToken);
    const warning = dialog.getByText(`These permissions have no effect on ${edge.name}`);
    await expect(warning).toBeVisible();
    await expect(dialog.getByText('repositories/release/*/content/write')).toBeVisible();
    await expect(dialog.getByText('repositories/release/*/content/delete')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole('button', { name: `Attach ${writeToken}` }).click();
    await expect(dialog).toHaveCount(0);

    // Read back: the panel and the API both list it.
    await expect(
      detail.getByRole('heading', { name: `Client tokens (${before + 1} of 20)` }),
    ).toBeVisible();
    const clients = detail.getByRole('region', { name: /^Client tokens/ });
    await expect(clients.getByRole('link', { name: writeToken, exact: true })).toBeVisible();
    // Attached, it is accepted there too (the node's "Accepted here" reads the engine).
    await expect(
      detail
        .getByRole('region', { name: /^Accepted here/ })
        .getByRole('link', { name: writeToken, exact: true }),
    ).toBeVisible();
    expect((await readBack(page)).connectedRegistry.clientTokenNames).toContain(writeToken);

    await detail.getByRole('button', { name: `Detach ${writeToken} from ${edge.name}` }).click();
    const detach = page.getByRole('alertdialog', {
      name: `Detach ${writeToken} from ${edge.name}?`,
    });
    await expect(detach.getByText(/can no longer use edgeline4/)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await detach.getByRole('button', { name: `Detach ${writeToken}` }).click();
    await expect(detach).toHaveCount(0);
    await expect(
      detail.getByRole('heading', { name: `Client tokens (${before} of 20)` }),
    ).toBeVisible();
    await expect(detail.getByRole('link', { name: writeToken, exact: true })).toHaveCount(0);
    expect((await readBack(page)).connectedRegistry.clientTokenNames).not.toContain(writeToken);
  });

  test('a detach-client fix link opens the detach dialog for that token, once', async ({
    page,
  }) => {
    const token = edge.clientTokenNames[0]!;
    await page.goto(
      `${registryBase}/hierarchy?node=${edge.name}&action=detach-client&token=${token}`,
    );
    const dialog = page.getByRole('alertdialog', { name: `Detach ${token} from ${edge.name}?` });
    await expect(dialog).toBeVisible();
    // The token is chosen by the link: the dialog does not ask again which one.
    await expect(dialog.getByRole('combobox', { name: /^Client token/ })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: `Detach ${token}` })).toBeEnabled();
    // The action leaves the URL, so a reload does not reopen it; the node stays selected.
    await expect(page).not.toHaveURL(/action=/);
    await expect(page).toHaveURL(new RegExp(`node=${edge.name}`));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect((await readBack(page)).connectedRegistry.clientTokenNames).toContain(token);
  });

  test('adds a synced repository to the registry and its ancestors, listed before confirming', async ({
    page,
  }) => {
    const repo = 'factory/e2e-probe';
    await page.goto(`${registryBase}/hierarchy?node=${edge.name}&action=repositories`);
    const dialog = page.getByRole('dialog', { name: `Synced repositories of ${edge.name}` });
    await expect(dialog).toBeVisible();
    await expect(page).not.toHaveURL(/action=/);

    const box = dialog.getByRole('textbox', { name: /^Repositories to add/ });
    await box.fill('factory/*');
    await expect(dialog.getByText(/wildcards are not allowed here/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Update/ })).toBeDisabled();

    await box.fill(repo);
    const plan = dialog.getByRole('region', { name: 'This updates the sync scope maps of' });
    await expect(plan.getByRole('listitem')).toHaveText([
      `${edge.name} (this registry) · scope map ${syncMapOf(edge)}`,
      `${parent.name} (ancestor) · scope map ${syncMapOf(parent)}`,
    ]);
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole('button', { name: 'Update 2 sync scope maps' }).click();
    await expect(dialog).toHaveCount(0);

    const receipt = page.getByRole('status', { name: 'Notifications' });
    await expect(receipt).toContainText(`Synced repositories of ${edge.name} updated`);
    await expect(receipt).toContainText(
      `Done: Update scope map ${syncMapOf(parent)} (ancestor ${parent.name})`,
    );
    await expect(
      panel(page)
        .getByRole('region', { name: /^Synced repositories/ })
        .getByText(repo),
    ).toBeVisible();
    for (const cr of [edge, parent]) {
      const map = await page.request.get(`${api}/scope-maps/${syncMapOf(cr)}`);
      const body = (await map.json()) as { scopeMap: { actions: string[] } };
      expect(body.scopeMap.actions, cr.name).toContain(`repositories/${repo}/content/read`);
      // edgeline4 is ReadOnly: its ancestors get the repository with its mode, read only.
      expect(body.scopeMap.actions, cr.name).not.toContain(`repositories/${repo}/content/write`);
    }
  });

  test('when an ancestor map fails, shows which steps were done, failed and undone', async ({
    page,
  }) => {
    const mapActions = async (cr: typeof edge) =>
      (
        (await (await page.request.get(`${api}/scope-maps/${syncMapOf(cr)}`)).json()) as {
          scopeMap: { actions: string[] };
        }
      ).scopeMap.actions;
    const before = { edge: await mapActions(edge), parent: await mapActions(parent) };
    await page.goto(`${registryBase}/hierarchy?node=${edge.name}`);
    await panel(page).getByRole('button', { name: 'Add or remove repositories' }).click();
    const dialog = page.getByRole('dialog', { name: `Synced repositories of ${edge.name}` });
    await dialog.getByRole('textbox', { name: /^Repositories to add/ }).fill('factory/e2e-fault');

    // The emulator counts a request when it ends and checks error faults after the latency:
    // holding the first two map writes lets an error armed after the first one ends hit the
    // second (the ancestor's) and its retries only.
    const start = await scopeMapUpdates();
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        operation: 'ScopeMaps_Update',
        kind: 'latency',
        latencyMs: 1000,
        times: 2,
      }),
    });
    try {
      await dialog.getByRole('button', { name: 'Update 2 sync scope maps' }).click();
      await expect
        .poll(scopeMapUpdates, { timeout: 10_000, intervals: [25] })
        .toBeGreaterThan(start);
      await control('/faults', {
        method: 'POST',
        body: JSON.stringify({ operation: 'ScopeMaps_Update', kind: 'error500', times: 4 }),
      });

      const report = dialog.getByText('What happened to each scope map').locator('..');
      await expect(report.getByRole('listitem')).toHaveText([
        `Done: Update scope map ${syncMapOf(edge)} (sync scope map ${edge.name})`,
        new RegExp(`^Failed: Update scope map ${syncMapOf(parent)} \\(ancestor ${parent.name}\\)`),
        `Undone: Restore scope map ${syncMapOf(edge)}`,
      ]);
      await expect(dialog).toBeVisible();
    } finally {
      await control('/faults', { method: 'DELETE' });
    }
    // Read back: both maps as they were.
    expect(await mapActions(edge)).toEqual(before.edge);
    expect(await mapActions(parent)).toEqual(before.parent);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('generates the connection string: warns of the rotation, confirms by name, reveals once', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/hierarchy?node=${edge.name}&action=connection-string`);
    const form = page.getByRole('alertdialog', {
      name: `Generate the connection string of ${edge.name}?`,
    });
    await expect(form.getByText(/^This rotates the sync token.s password/)).toBeVisible();
    // The warning speaks of a password stopping only when the chosen slot holds one.
    const chosenLabel = await form
      .getByRole('radiogroup', { name: /slot to replace/ })
      .getByRole('radio', { checked: true })
      .evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');
    await expect(
      form.getByText(
        /: empty/.test(chosenLabel)
          ? 'That slot is empty: no password stops working.'
          : /The password that slot holds stops working at once/,
      ),
    ).toBeVisible();
    const submit = form.getByRole('button', { name: 'Rotate the password and generate' });
    await expect(submit).toBeDisabled();
    await form.getByRole('textbox', { name: /^Type edgeline4/ }).fill('edgeline');
    await expect(submit).toBeDisabled();
    await form.getByRole('textbox', { name: /^Type edgeline4/ }).fill(edge.name);
    await expectNoSeriousAxeViolations(page);
    await submit.click();

    const reveal = page.getByRole('alertdialog', { name: `Connection string of ${edge.name}` });
    const field = reveal.getByRole('textbox', { name: 'Connection string' });
    const value = await field.inputValue();
    const format =
      /^ConnectedRegistryName=([^;]+);SyncTokenName=([^;]+);SyncTokenPassword=([^;]+);ParentGatewayEndpoint=([^;]+);ParentEndpointProtocol=https$/;
    const match = format.exec(value);
    expect(match, value.replace(/SyncTokenPassword=[^;]+/, 'SyncTokenPassword=…')).not.toBeNull();
    expect(match![1]).toBe(edge.name);
    expect(match![2]).toBe(edge.syncTokenName);
    const password = match![3]!;
    expect(password.length).toBeGreaterThan(20);
    await expect(reveal.getByRole('button', { name: 'Copy connection string' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(reveal).toBeVisible();
    await reveal.getByRole('button', { name: 'I have stored it, close' }).click();
    await expect(reveal).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      `Connection string of ${edge.name} generated`,
    );

    // Gone for good: not in the page, the URL, storage, or a later response.
    const traces = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      url: location.href,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    }));
    for (const text of Object.values(traces)) {
      expect(text).not.toContain(password);
      expect(text).not.toContain('SyncTokenPassword=');
    }
    const overview = await page.request.get(`${api}/overview`);
    expect(await overview.text()).not.toContain(password);
  });

  test('deactivates the connected registry after its name is typed, and reads back Inactive', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/hierarchy?node=${edge.name}`);
    const detail = panel(page);
    await detail.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Deactivate ${edge.name}?` });
    await expect(dialog.getByText(/activated again with a new connection string/)).toBeVisible();
    const submit = dialog.getByRole('button', { name: 'Deactivate' });
    await expect(submit).toBeDisabled();
    await dialog.getByRole('textbox', { name: /^Type edgeline4/ }).fill(edge.name);
    await expectNoSeriousAxeViolations(page);
    await submit.click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      `${edge.name} deactivated`,
    );
    await expect(detail.getByText('Inactive', { exact: true })).toBeVisible();
    await expect(detail.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
    expect((await readBack(page)).connectedRegistry.activation).toBe('Inactive');
  });
});

test.describe('as the reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('sees no connected-registry action, even through a fix link', async ({ page }) => {
    await page.goto(`${registryBase}/hierarchy?node=edgeline1&action=connection-string`);
    const detail = page.getByRole('complementary', { name: 'edgeline1' });
    await expect(detail.getByRole('heading', { name: /^Client tokens \(4 of 20\)/ })).toBeVisible();
    await expect(
      detail
        .getByRole('region', { name: /^Client tokens/ })
        .getByRole('link', { name: 'line1-hmi', exact: true }),
    ).toBeVisible();
    for (const name of [
      'Attach client token',
      /^Detach/,
      'Add or remove repositories',
      'Generate connection string',
      'Deactivate',
    ]) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  });
});
