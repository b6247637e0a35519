import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { registryBase, storageStatePath } from '../support/personas';

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('creates a token from an existing scope map and sees its password exactly once', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens`);
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: /^Name/ }).fill('e2e-reader-token');
    await form.getByRole('radio', { name: 'Use an existing scope map' }).check();
    await form
      .getByRole('combobox', { name: /^Existing scope map/ })
      .selectOption('_repositories_pull');
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('alertdialog', { name: /e2e-reader-token created/ });
    await expect(reveal.getByText(/docker login contosoregistry\.azurecr\.io/)).toBeVisible();
    const password = await reveal.getByRole('textbox', { name: /Password 1/ }).inputValue();
    expect(password.length).toBeGreaterThan(20);
    await expectNoSeriousAxeViolations(page);
    // Escape does not lose it by accident; only the explicit close does.
    await page.keyboard.press('Escape');
    await expect(reveal).toBeVisible();
    await reveal.getByRole('button', { name: 'I have stored it, close' }).click();
    await expect(reveal).toHaveCount(0);
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Gone for good: not in the page, the URL, storage, or any later response.
    await expect(page.getByRole('heading', { level: 1 })).toContainText('e2e-reader-token');
    const traces = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      url: location.href,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    }));
    for (const text of Object.values(traces)) expect(text).not.toContain(password);
    const detail = await page.request.get(`/api${registryBase}/tokens/e2e-reader-token`);
    expect(await detail.text()).not.toContain(password);
  });
});

test.describe('a dialog and focus, as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  // Fluent's focus manager (Tabster) is not in a page's first load: it comes
  // with the first dialog. The dialog must still hold focus while open, give it
  // back to its button when closed, and leave the page visible to assistive
  // technology (the focus manager hides it, aria-hidden, while the dialog is open).
  test('keeps focus inside while open and gives it back to its button when closed, from the first dialog on', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens/north-build-agent`);
    const opener = page.getByRole('button', { name: 'Delete', exact: true });
    const dialog = page.getByRole('alertdialog', { name: 'Delete token north-build-agent?' });
    for (const time of ['first', 'second']) {
      await opener.focus();
      await page.keyboard.press('Enter');
      await expect(dialog, `${time} time`).toBeVisible();
      await expect
        .poll(() => page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]')))
        .toBe(true);
      // Round the dialog's controls and past its last one, both ways: focus stays inside.
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        expect(
          await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]')),
          `${time} time, after ${key}`,
        ).toBe(true);
      }
      const cancel = dialog.getByRole('button', { name: 'Cancel' });
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      await expect(opener, `${time} time`).toBeFocused();
      // Nothing stays hidden: the page's heading and main region are there for a screen reader.
      await expect(page.locator('[aria-hidden="true"]:has(main)')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('north-build-agent');
    }
  });
});

test.describe('deleting, as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('deletes a client token only after its name is typed, listing the registries that accept it', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens/line3-camera01`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete token line3-camera01?' });
    await expect(dialog.getByRole('listitem').filter({ hasText: 'edgeline3' })).toBeVisible();
    const submit = dialog.getByRole('button', { name: 'Delete token' });
    await expect(submit).toBeDisabled();
    await dialog.getByRole('textbox', { name: /Type line3-camera01/ }).fill('line3-camera0');
    await expect(submit).toBeDisabled();
    await dialog.getByRole('textbox', { name: /Type line3-camera01/ }).fill('line3-camera01');
    await expectNoSeriousAxeViolations(page);
    await submit.click();
    await expect(page).toHaveURL(/\/tokens$/);
    expect((await page.request.get(`/api${registryBase}/tokens/line3-camera01`)).status()).toBe(
      404,
    );
  });

  test('cannot delete the sync token of an existing connected registry, and says why', async ({
    page,
  }) => {
    await page.goto(`${registryBase}/tokens/sitenorth`);
    await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
    await expect(page.getByText(/sync token of connected registry sitenorth/)).toBeVisible();
  });
});

test.describe('as the reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('sees no action controls at all', async ({ page }) => {
    await page.goto(`${registryBase}/tokens`);
    await expect(page.getByRole('table', { name: 'Tokens' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
    await page.goto(`${registryBase}/tokens/mes-north-app`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('mes-north-app');
    for (const name of [/Generate/i, /Revoke/i, /Disable/i, /Delete/i]) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
  });
});
