import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { consoleUrl } from '../ports';

/** One response of the console's API as the page received it. */
export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  cacheControl: string | undefined;
  requestId: string | undefined;
  /** Undefined when the body could not be read (it then cannot be checked, which is a failure). */
  body: string | undefined;
}

/**
 * Records every /api/ response the page receives from now on, body included.
 * Bodies are read as they arrive: after a reload the browser may no longer have them.
 */
export function recordApiResponses(page: Page) {
  const pending: Array<Promise<RecordedResponse>> = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(`${consoleUrl}/api/`)) return;
    const headers = response.headers();
    pending.push(
      response
        .text()
        .then(
          (body) => body,
          () => undefined,
        )
        .then((body) => ({
          method: response.request().method(),
          url: response.url(),
          status: response.status(),
          cacheControl: headers['cache-control'],
          requestId: headers['x-request-id'],
          body,
        })),
    );
  });
  return {
    /** Every response so far, once each body has been read. */
    async all(): Promise<RecordedResponse[]> {
      const all = await Promise.all(pending);
      // A body nobody could read might have held the secret: such a response fails the check.
      // The one exception is the streamed overview (NDJSON read by the page as it arrives):
      // Chromium keeps no copy of a body the page consumed as a stream, or of one cut off when
      // the page moved on. It carries only the registry snapshot's lists, which the BFF's
      // snapshot guard and the API tests check for secrets.
      const unread = all.filter(
        (r) =>
          r.body === undefined &&
          r.status !== 204 &&
          r.status < 300 &&
          !new URL(r.url).pathname.endsWith('/overview/stream'),
      );
      expect(unread.map((r) => `${r.method} ${r.url}`)).toEqual([]);
      return all;
    },
  };
}

/** Every URL the page's main frame has shown (page loads and history API changes alike). */
export function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

/**
 * Everything the page keeps that a script (or anyone at the keyboard) could
 * read back: the DOM, the URL and history state, Web Storage, IndexedDB names
 * and contents, Cache Storage, and the cookies of the console's origin.
 */
export async function browserTraces(page: Page): Promise<Record<string, string>> {
  const inPage = await page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    const idb: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      idb.push(info.name);
      const db = await request(indexedDB.open(info.name));
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly').objectStore(store);
        const [keys, values] = await Promise.all([request(tx.getAllKeys()), request(tx.getAll())]);
        idb.push(store, JSON.stringify(keys), JSON.stringify(values));
      }
      db.close();
    }
    const cached: string[] = [];
    if ('caches' in window) {
      for (const name of await caches.keys()) {
        cached.push(name);
        for (const req of await (await caches.open(name)).keys()) cached.push(req.url);
      }
    }
    return {
      html: document.documentElement.outerHTML,
      url: location.href,
      historyState: JSON.stringify(history.state),
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      indexedDb: idb.join('\n'),
      cacheStorage: cached.join('\n'),
      documentCookie: document.cookie,
    };
  });
  const cookies = await page.context().cookies(consoleUrl);
  return { ...inPage, cookies: JSON.stringify(cookies), content: await page.content() };
}

/** The files under `dir` (recursively, read raw as bytes) whose bytes contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const bytes = Buffer.from(needle, 'utf8');
  const hits: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // A file can vanish between listing and reading (a WAL segment recycled): skip it.
    const content = await readFile(path).catch(() => undefined);
    if (content?.includes(bytes)) hits.push(path);
  }
  return hits;
}
