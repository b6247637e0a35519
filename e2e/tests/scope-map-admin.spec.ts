import { expect, test, type Locator, type Page } from '@playwright/test';
import { apiPaths, csrfHeader } from '../../packages/domain/src/api';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { demo, registryBase, storageStatePath } from '../support/personas';

// release-admin (`release/*` with every permission) is used only by release-manager, which no
// connected registry accepts and no other spec reads: these edits reach nobody else's test.
const registry = demo.registries.find((r) => r.name === 'contosoregistry')!;
const mapName = 'release-admin';
const ref = {
  subscriptionId: registry.subscriptionId,
  resourceGroup: registry.resourceGroup,
  registryName: registry.name,
};
const mapPath = apiPaths.scopeMapResource(ref, mapName);
const pull = (repo: string) => [
  `repositories/${repo}/content/read`,
  `repositories/${repo}/metadata/read`,
];

async function actionsNow(page: Page): Promise<string[]> {
  const res = await page.request.get(apiPaths.scopeMap(ref, mapName));
  expect(res.status()).toBe(200);
  return ((await res.json()) as { scopeMap: { actions: string[] } }).scopeMap.actions;
}

/** Opens the editor and adds a pull rule for `repo` as the last repository rule. */
async function draftNewRule(page: Page, repo: string) {
  await page.goto(`${registryBase}/scope-maps/${mapName}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('dialog', { name: `Edit scope map ${mapName}` });
  await editor.getByRole('button', { name: 'Add repository rule' }).click();
  const rules = editor.getByRole('group', { name: /^Repository rule \d+$/ });
  await rules
    .last()
    .getByRole('textbox', { name: /^Repository/ })
    .fill(repo);
  await editor.getByRole('button', { name: 'Review changes' }).click();
  const review = page.getByRole('dialog', { name: `Review changes to ${mapName}` });
  await expect(review).toBeVisible();
  return review;
}

/** The review's per-repository table holds one row: what it adds to `repo`, nothing removed. */
async function expectOneChange(review: Locator, repo: string, added: string) {
  const changes = review.getByRole('table', { name: `Changes to ${mapName}` });
  await expect(changes.getByRole('row')).toHaveCount(2);
  const row = changes.getByRole('row', { name: new RegExp(repo) });
  await expect(row.getByRole('cell').nth(1)).toHaveText(added);
  await expect(row.getByRole('cell').nth(2)).toHaveText('—');
}

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('edits a scope map after the diff in words and the blast radius', async ({ page }) => {
    const before = await actionsNow(page);
    const review = await draftNewRule(page, 'release-notes');
    await expectOneChange(review, 'release-notes', 'pull, metadata read');
    await expect(
      review.getByText('1 token and 0 connected registries get the change.'),
    ).toBeVisible();
    const radius = review.getByRole('table', { name: `Tokens using ${mapName}` });
    await expect(radius.getByRole('row', { name: /release-manager/ })).toContainText(
      'None (the cloud registry only)',
    );
    await expectNoSeriousAxeViolations(page);
    await review.getByRole('button', { name: 'Save scope map' }).click();
    await expect(review).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      `Scope map ${mapName} saved`,
    );
    expect((await actionsNow(page)).sort()).toEqual([...before, ...pull('release-notes')].sort());
  });

  test('meets a change made meanwhile: refused with the current version shown, no lost update', async ({
    page,
  }) => {
    const review = await draftNewRule(page, 'release-drafts');

    // Someone else saves the same map while the review is open (same origin, CSRF header).
    const theirs = 'repositories/release-hotfix/content/read';
    const status = await page.evaluate(
      async ({ path, header, add }) => {
        const get = await fetch(path, { headers: { accept: 'application/json' } });
        const { scopeMap } = (await get.json()) as {
          scopeMap: { actions: string[]; version: string };
        };
        const put = await fetch(path, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', [header]: '1' },
          body: JSON.stringify({
            actions: [...scopeMap.actions, add],
            expectedVersion: scopeMap.version,
          }),
        });
        return put.status;
      },
      { path: mapPath, header: csrfHeader, add: theirs },
    );
    expect(status).toBe(200);
    const afterTheirs = await actionsNow(page);

    await review.getByRole('button', { name: 'Save scope map' }).click();
    const conflict = page.getByRole('dialog', { name: `Someone else changed ${mapName}` });
    await expect(
      conflict.getByText('Your save was refused so their change is not lost.', { exact: false }),
    ).toBeVisible();
    // Their version is on screen, with their new repository, beside my draft.
    await expect(
      conflict.getByRole('heading', { name: `Current version (${afterTheirs.length} actions)` }),
    ).toBeVisible();
    await expect(
      conflict.getByRole('table', { name: 'Current version: repositories' }).getByRole('row', {
        name: /release-hotfix/,
      }),
    ).toBeVisible();
    await expect(
      conflict.getByRole('table', { name: 'Your draft: repositories' }).getByRole('row', {
        name: /release-drafts/,
      }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    // Nothing of mine was written over theirs.
    expect(await actionsNow(page)).toEqual(afterTheirs);

    // Re-applying puts my change (not my whole draft) on their version: the review shows
    // only my addition, and saving keeps both.
    await conflict.getByRole('button', { name: 'Re-apply my draft on their version' }).click();
    const again = page.getByRole('dialog', { name: `Review changes to ${mapName}` });
    await expectOneChange(again, 'release-drafts', 'pull, metadata read');
    await again.getByRole('button', { name: 'Save scope map' }).click();
    await expect(again).toHaveCount(0);
    // The editor writes its rows in its own order: compare the actions, not their order.
    expect((await actionsNow(page)).sort()).toEqual(
      [...afterTheirs, ...pull('release-drafts')].sort(),
    );
  });

  test('markup in a description is shown as text, never run or rendered', async ({ page }) => {
    const name = 'e2e-markup-map';
    const description = '<img src=x onerror="window.__pwned=1"><b>bold?</b>';
    await page.goto(registryBase);
    const status = await page.evaluate(
      async ({ path, header, body }) => {
        const res = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [header]: '1' },
          body: JSON.stringify(body),
        });
        return res.status;
      },
      {
        path: apiPaths.scopeMaps(ref),
        header: csrfHeader,
        body: { name, description, actions: pull('e2e-markup') },
      },
    );
    expect(status).toBe(201);
    await page.goto(`${registryBase}/scope-maps/${name}`);
    const main = page.getByRole('main');
    await expect(main.getByText(description, { exact: true })).toBeVisible();
    await expect(main.locator('img[src="x"]')).toHaveCount(0);
    await expect(main.locator('b', { hasText: 'bold?' })).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // The scope-map list shows it as text too.
    await page.goto(`${registryBase}/scope-maps`);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });
});
