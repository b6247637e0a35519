import { expect, type Page } from '@playwright/test';

// 2026-03-09T10:00 and its longer forms: how a machine writes a time, not a person.
const rawIso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The page's visible text holds no raw ISO timestamp (times read as "3 hours ago" or "9 Mar 2026"). */
export async function expectNoRawIsoTime(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(rawIso)?.[0] ?? null).toBeNull();
}
