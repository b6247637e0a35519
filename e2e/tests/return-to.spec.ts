import { expect, test } from '@playwright/test';
import { consoleUrl } from '../ports';
import { personas } from '../support/personas';

// After sign-in the browser goes to returnTo; these are the values that
// slipped past a prefix check (URL parsers drop tab, LF and CR and read `\`
// as `/`, making `//evil.example`). Each must land on the console instead.
const hostile = [
  '/%09/evil.example/x',
  '/%0a/evil.example/x',
  '/%0D/evil.example/x',
  '/%5C/evil.example/x',
  '/.//evil.example/x',
];

test('a persona sign-in with a hostile returnTo lands on the console, never on another host', async ({
  browser,
}) => {
  for (const returnTo of hostile) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const { hostname } = new URL(request.url());
      if (hostname !== '127.0.0.1') elsewhere.push(request.url());
    });
    // Passed raw in the query, exactly as a phishing link would carry it.
    await page.goto(`/auth/login?returnTo=${returnTo}`);
    await page.getByRole('button', { name: new RegExp(personas.reviewer) }).click();
    await page.waitForURL((url) => url.origin === consoleUrl && !url.pathname.startsWith('/auth/'));
    await expect(page.getByRole('main')).toBeVisible();
    expect(new URL(page.url()).origin, returnTo).toBe(consoleUrl);
    expect(page.url(), returnTo).not.toContain('evil.example');
    expect(elsewhere, returnTo).toEqual([]);
    await context.close();
  }
});

test('a same-origin returnTo is kept', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent('/registries?from=link')}`);
  await page.getByRole('button', { name: new RegExp(personas.reviewer) }).click();
  await page.waitForURL((url) => url.origin === consoleUrl && url.pathname === '/registries');
  await expect(page.getByRole('main')).toBeVisible();
  await context.close();
});
