import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/** One JavaScript file a page load fetched. */
export interface ScriptLoad {
  /** The file's name under /assets/. */
  file: string;
  /** `Content-Encoding` as served (br when the browser asks for it, as Chromium does). */
  encoding: string;
  /** Body bytes on the wire, as served. */
  transferred: number;
  /** The file's size at gzip level 9: what the build's `.gz` twin weighs. */
  gzip: number;
}

/**
 * Every script the page fetches while it goes to `url`, waits for `ready`
 * (the page showing its content) and then for the network to settle, so
 * chunks the page's own render asks for are counted too. Use a fresh browser
 * context: a warm cache would hide what a first visit costs. Bytes are counted,
 * never timed.
 */
export async function firstLoadScripts(
  page: Page,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<ScriptLoad[]> {
  const pending: Promise<ScriptLoad>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const [body, sizes] = await Promise.all([response.body(), response.request().sizes()]);
        return {
          file: new URL(response.url()).pathname.replace(/^\/assets\//, ''),
          encoding: response.headers()['content-encoding'] ?? 'identity',
          transferred: sizes.responseBodySize,
          gzip: gzipSync(body, { level: 9 }).length,
        };
      })(),
    );
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  return Promise.all(pending);
}

export const sumKb = (loads: ScriptLoad[], key: 'gzip' | 'transferred') =>
  loads.reduce((total, l) => total + l[key], 0) / 1024;
