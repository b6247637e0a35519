import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { getScenario } from '../../packages/local-azure/src/scenario/index';
import { consoleUrl } from '../ports';

/** The demo scenario's facts, read from its definition (not from the console). */
export const demo = getScenario('demo', new Date());
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
export const registryBase = `/registries/${registry.subscriptionId}/${registry.resourceGroup}/${registry.name}`;

export const personas = {
  admin: 'Avery Admin',
  reviewer: 'Riley Reviewer',
  limited: 'Morgan Limited',
  noRole: 'Nico NoRole',
} as const;

export const storageStatePath = (who: 'admin' | 'reviewer') =>
  resolve(
    import.meta.dirname,
    `../../.tmp/e2e-auth${process.env.E2E_PORT_OFFSET ? `-${process.env.E2E_PORT_OFFSET}` : ''}/${who}.json`,
  );

/** Signs in through the real flow: the console sends the browser to the identity provider's page. */
export async function signInAs(
  page: Page,
  personaName: string,
  path = '/',
  origin = consoleUrl,
): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: new RegExp(personaName) }).click();
  await page.waitForURL((url) => url.origin === origin && !url.pathname.startsWith('/auth/'));
  await expect(page.getByRole('main')).toBeVisible();
}
