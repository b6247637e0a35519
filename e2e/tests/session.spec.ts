import { expect, test } from '@playwright/test';
import { consoleUrl, e2ePorts } from '../ports';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { personas, registryBase, signInAs } from '../support/personas';

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{10,}/;

test('a person signs in, sees who they are, and signs out everywhere to the signed-out page', async ({
  page,
  browser,
}) => {
  // Morgan, whom no stored sign-in of the other specs belongs to: signing out
  // ends every session of the person.
  const elsewhere = await browser.newContext();
  const otherBrowser = await elsewhere.newPage();
  await signInAs(otherBrowser, personas.limited, '/registries');
  await signInAs(page, personas.limited, '/registries');
  const menu = page.getByRole('button', { name: new RegExp(personas.limited) });
  await expect(menu).toContainText('Admin');
  // A theme chosen before signing out is still the theme after it.
  await menu.click();
  await page.getByRole('menuitemradio', { name: 'Dark' }).click();
  await expect
    .poll(() => page.evaluate(() => window.localStorage.getItem('latchkey.theme')))
    .toBe('dark');
  await page.keyboard.press('Escape');
  await menu.click();
  await expect(page.getByRole('menuitem', { name: /^Sign out everywhere/ })).toContainText(
    'Ends your sessions in every browser',
  );
  await page.getByRole('menuitem', { name: /^Sign out everywhere/ }).click();
  await page.waitForURL(`${consoleUrl}/signed-out`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Latchkey');
  await expect(page).toHaveTitle('Signed out · Latchkey');
  expect(await page.evaluate(() => window.localStorage.getItem('latchkey.theme'))).toBe('dark');
  expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
  await expectNoSeriousAxeViolations(page);
  expect((await page.request.get('/api/me')).status()).toBe(401);
  // The other browser's session ended too.
  expect((await otherBrowser.request.get('/api/me')).status()).toBe(401);
  await elsewhere.close();
});

test('the person with no console role sees what role to ask for', async ({ page }) => {
  await signInAs(page, personas.noRole);
  await expect(page.getByRole('heading', { name: /don.t have access/i })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Latchkey');
  await expect(page.getByText('Latchkey.Reviewer').first()).toBeVisible();
  await expect(page.getByText('Latchkey.Admin').first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  // The API agrees with the page.
  expect((await page.request.get('/api/registries')).status()).toBe(403);
});

test('the session cookie is __Host-, HttpOnly, Secure and SameSite=Strict; nothing token-like reaches page scripts', async ({
  page,
}) => {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().startsWith(`${consoleUrl}/api/`))
      bodies.push(await response.text().catch(() => ''));
  });
  await signInAs(page, personas.reviewer, `${registryBase}/tokens`);
  await expect(page.getByRole('link', { name: 'fleet-monitor', exact: true })).toBeVisible();

  const cookies = await page.context().cookies(consoleUrl);
  const session = cookies.find((c) => c.name === '__Host-latchkey-session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  expect(cookies.find((c) => c.name === '__Host-latchkey-login')).toBeUndefined();

  const visible = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    html: document.documentElement.outerHTML,
  }));
  expect(visible.cookie).not.toContain(session!.value);
  for (const text of [visible.cookie, visible.local, visible.session, visible.html, ...bodies]) {
    expect(text).not.toMatch(JWT_LIKE);
    expect(text).not.toContain(session!.value);
  }
  expect(bodies.length).toBeGreaterThan(0);
});

test('a cross-site form POST to the console is refused and changes nothing', async ({ page }) => {
  await signInAs(page, personas.admin, '/registries');
  // A page on another site that posts a form to the console (a classic CSRF attempt).
  await page.route('http://attacker.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><form id="f" method="post" action="${consoleUrl}/auth/logout"><input name="x" value="1"></form><script>document.getElementById('f').submit()</script>`,
    }),
  );
  const refused = page.waitForResponse((r) => r.url() === `${consoleUrl}/auth/logout`);
  await page.goto('http://attacker.test/');
  expect((await refused).status()).toBe(403);
  // Still signed in.
  expect((await page.request.get('/api/me')).status()).toBe(200);
});

test('the sign-in pages have an icon, and the identity provider answers /favicon.ico without an error', async ({
  page,
}) => {
  const front = `http://127.0.0.1:${e2ePorts.idpFrontChannel}`;
  const ico = await page.request.get(`${front}/favicon.ico`);
  expect(ico.status()).toBe(204);
  await page.goto('/registries');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', /favicon\.svg$/);
  const href = await icon.getAttribute('href');
  expect((await page.request.get(new URL(href!, page.url()).href)).status()).toBe(200);
});
