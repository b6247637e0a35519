import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { clientCredentialToken, send } from '@latchkey/local-azure/test-helpers';
import { e2eDataDir, e2ePorts } from '../ports';
import { demo, registryBase, storageStatePath } from '../support/personas';

// A token no other spec uses; disabled in Azure directly and enabled again, so
// the scenario ends as it began.
const token = 'line3-scanner';
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;

/** A change made in Azure itself (not through the console): the automation app's own ARM call. */
async function setStatusInAzure(status: 'enabled' | 'disabled'): Promise<void> {
  const caPem = readFileSync(
    resolve(import.meta.dirname, '..', e2eDataDir, 'local-azure/tls/ca.pem'),
    'utf8',
  );
  const app = demo.clients.find((c) => c.displayName === 'Latchkey automation')!;
  const idp = `127.0.0.1:${e2ePorts.idp}`;
  const { accessToken } = await clientCredentialToken({
    authority: `https://${idp}/${app.tenantId}`,
    knownAuthority: idp,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    caPem,
  });
  const url =
    `https://127.0.0.1:${e2ePorts.arm}/subscriptions/${registry.subscriptionId}` +
    `/resourceGroups/${registry.resourceGroup}/providers/Microsoft.ContainerRegistry` +
    `/registries/${registry.name}/tokens/${token}?api-version=2025-04-01`;
  const res = await send(url, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { status } }),
    caPem,
  });
  expect(res.status).toBeLessThan(300);
}

test.describe.serial('the registry snapshot', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('the tokens page says how old its lists are and refreshes them from Azure on request', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens`);
    await expect(page.getByText(/^As of \d+ (s|min) ago/)).toBeVisible();
    const refresh = page.getByRole('button', { name: 'Refresh' });
    const fresh = page.waitForRequest(
      (r) => r.url().endsWith('/overview') && r.headers()['cache-control'] === 'no-cache',
    );
    await refresh.click();
    await fresh;
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await expect(page.getByText(/^As of \d s ago/)).toBeVisible();
    await expect(page.getByText(/Refresh failed/)).toHaveCount(0);
  });

  test('a change made in Azure shows in the audit log as "Observed in Azure", beside the console records', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens`);
    await expect(page.getByRole('table', { name: 'Tokens' })).toBeVisible();
    await setStatusInAzure('disabled');
    try {
      // The next read sees it (the first page differs from the snapshot) and records it.
      await page.goto(`${registryBase}/tokens/${token}`);
      await expect(page.getByRole('button', { name: 'Enable', exact: true })).toBeVisible();
      await page.goto(`${registryBase}/tokens`);
      await expect(page.getByRole('table', { name: 'Tokens' })).toBeVisible();

      await page.goto('/audit');
      const row = page
        .getByRole('table', { name: 'Audit records' })
        .getByRole('row')
        .filter({ hasText: `Token ${token}` })
        .filter({ hasText: 'Token status changed' })
        .first();
      await expect(row).toContainText('observed in Azure');
      await expect(row).toContainText('Observed in Azure');
      await row.getByRole('button', { name: 'Token status changed' }).click();
      const panel = page.getByRole('dialog', { name: /Audit record: Token status changed/ });
      await expect(panel).toContainText('token.status');
      await expect(panel).toContainText(/not made through the console/);
      const status = panel
        .getByRole('table', { name: 'Before and after' })
        .getByRole('row')
        .filter({ hasText: 'Status' });
      await expect(status.getByRole('cell')).toHaveText(['Status', 'enabled', 'disabled']);
    } finally {
      await setStatusInAzure('enabled');
    }
  });
});
