import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { demo, personas, registryBase, signInAs, storageStatePath } from '../support/personas';

// Morgan is a Latchkey admin with only Reader on contosoregistry and Contributor on the
// Factories subscription (contosodev): the console reads Morgan's Azure permissions and
// disables what Azure would refuse, saying which role is missing.
const dev = demo.registries.find((r) => r.name === 'contosodev')!;
const devBase = `/registries/${dev.subscriptionId}/${dev.resourceGroup}/${dev.name}`;
const reason =
  'Needs Contributor (Microsoft.ContainerRegistry/registries/scopeMaps/write) on contosoregistry.';

async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test.describe('as Morgan (Reader on contosoregistry, Contributor on contosodev)', () => {
  test('scope-map Edit is disabled with the reason on contosoregistry, enabled on contosodev', async ({
    page,
  }) => {
    await signInAs(page, personas.limited, `${registryBase}/scope-maps/factory-push`);
    await settled(page);
    const edit = page.getByRole('button', { name: 'Edit', exact: true });
    await expect(edit).toBeDisabled();
    // The reason is the button's description (keyboard and screen-reader users get it)…
    await expect(edit).toHaveAccessibleDescription(reason);
    // …and shows as a tooltip when the button takes focus: it stays focusable.
    await edit.focus();
    await expect(edit).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText(reason);
    // Clicking opens nothing.
    await edit.click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // Delete says why beside it (on a map no token uses, so nothing else blocks it).
    await page.goto(`${registryBase}/scope-maps/old-team-pull`);
    await settled(page);
    await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
    await expect(
      page.getByText(
        'Needs Contributor (Microsoft.ContainerRegistry/registries/scopeMaps/delete) on contosoregistry.',
      ),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // The token actions on the same registry say the same of tokens.
    await page.goto(`${registryBase}/tokens/north-build-agent`);
    await settled(page);
    const disable = page.getByRole('button', { name: 'Disable', exact: true });
    await expect(disable).toBeDisabled();
    await expect(disable).toHaveAccessibleDescription(
      /registries\/tokens\/write\) on contosoregistry/,
    );

    // contosodev: Contributor through the subscription, so Edit works.
    await page.goto(`${devBase}/scope-maps/dev-push`);
    await settled(page);
    const devEdit = page.getByRole('button', { name: 'Edit', exact: true });
    await expect(devEdit).toBeEnabled();
    await expect(devEdit).not.toHaveAttribute('aria-describedby', /.+/);
    await devEdit.click();
    await expect(page.getByRole('dialog', { name: 'Edit scope map dev-push' })).toBeVisible();
  });
});

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the scope-map review lists the findings a change would create (${scheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      // factory-push is the scope map of north-build-agent, a client token of sitenorth.
      await page.goto(`${registryBase}/scope-maps/factory-push`);
      await settled(page);
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      const editor = page.getByRole('dialog', { name: 'Edit scope map factory-push' });
      await editor
        .getByRole('group', { name: 'Permissions for repository rule 1' })
        .getByRole('checkbox', { name: /delete/ })
        .check();
      await editor.getByRole('button', { name: 'Review changes' }).click();
      const review = page.getByRole('dialog', { name: 'Review changes to factory-push' });
      await expect(review).toBeVisible();

      // Added and removed per repository.
      const changes = review.getByRole('table', { name: 'Changes to factory-push' });
      await expect(changes.getByRole('row')).toHaveCount(2);
      const row = changes.getByRole('row', { name: /factory\/\*/ });
      await expect(row.getByRole('cell').nth(1)).toHaveText('delete');
      await expect(row.getByRole('cell').nth(2)).toHaveText('—');

      // The findings engine on the edited registry, before saving.
      await expect(review.getByText(/^This change creates 1 High finding: /)).toContainText(
        'delete permission on a client token (token north-build-agent)',
      );
      const created = review.getByRole('list', { name: 'Findings this change creates' });
      await expect(created.getByRole('listitem')).toHaveText([
        'HighDelete permission on a client token: token north-build-agent',
      ]);
      await expect(review.getByRole('list', { name: 'Findings this change resolves' })).toHaveCount(
        0,
      );
      await expectNoSeriousAxeViolations(page);
      // Nothing is saved: leave without saving.
      await review.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  }
});
