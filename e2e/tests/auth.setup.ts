import { expect, test as setup } from '@playwright/test';
import { personas, signInAs, storageStatePath } from '../support/personas';

for (const who of ['admin', 'reviewer'] as const) {
  setup(`sign in the ${who} through the real login flow`, async ({ page }) => {
    await signInAs(page, personas[who], '/registries');
    await expect(page.getByText(personas[who]).first()).toBeVisible();
    await page.context().storageState({ path: storageStatePath(who) });
  });
}
