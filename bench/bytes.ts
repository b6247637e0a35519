// Bytes on the wire: the registry overview and the effective-access export as
// the BFF sends them (unencoded, gzip, brotli), `demo` against `large`; and the
// JavaScript a first visit to each page downloads, counted in Chromium (the
// files fetched until the page shows its content and the network settles).
// Figures are printed, never asserted; the e2e spec initial-js.spec.ts holds
// the JavaScript ceilings.
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { apiPaths } from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { startHarness, type Harness } from '../apps/bff/test/api/harness';
import { firstLoadScripts, sumKb, type ScriptLoad } from '../e2e/support/initial-js';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const webRoot = join(root, 'apps/web/dist');
const encodings = ['identity', 'gzip', 'br'] as const;
type Encoding = (typeof encodings)[number];

/** Body bytes as they arrive (node:http does not decode), and the time to the last byte. */
function onTheWire(
  h: Harness,
  path: string,
  cookie: string,
  encoding: Encoding,
): Promise<{ bytes: number; ms: number; sent: string }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    request(`${h.base}${path}`, { headers: { cookie, 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        if (res.statusCode !== 200) fail(new Error(`${path} answered ${res.statusCode}`));
        done({
          bytes,
          ms: performance.now() - started,
          sent: String(res.headers['content-encoding'] ?? 'identity'),
        });
      });
    })
      .on('error', fail)
      .end();
  });
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

interface ApiFigures {
  scenario: ScenarioName;
  tokens: number;
  rows: { what: string; encoding: Encoding; bytes: number; ms: number }[];
}

async function measureApi(scenario: ScenarioName): Promise<ApiFigures> {
  const h = await startHarness({ scenario, armTimeoutMs: 60_000 });
  try {
    const { data, ref } = premiumRegistry(h);
    const cookie = await h.signIn('Avery Admin');
    const rows: ApiFigures['rows'] = [];
    const targets = [
      ['overview', apiPaths.overview(ref)],
      ['effective-access CSV', apiPaths.exportEffectiveAccess(ref, 'csv')],
      ['effective-access JSON', apiPaths.exportEffectiveAccess(ref, 'json')],
    ] as const;
    for (const [what, path] of targets) {
      for (const encoding of encodings) {
        const r = await onTheWire(h, path, cookie, encoding);
        if (r.sent !== encoding) throw new Error(`${what}: asked ${encoding}, got ${r.sent}`);
        rows.push({ what, encoding, bytes: r.bytes, ms: r.ms });
      }
    }
    return { scenario, tokens: data.tokens.length, rows };
  } finally {
    await h.close();
  }
}

interface FirstPage {
  name: string;
  path: (ref: string) => string;
  ready: (page: Page) => Promise<void>;
}

const firstPages: FirstPage[] = [
  {
    name: '/registries',
    path: () => '/registries',
    ready: (p) => p.getByRole('link', { name: 'contosoregistry' }).first().waitFor(),
  },
  {
    name: '…/tokens',
    path: (r) => `${r}/tokens`,
    ready: (p) => p.getByRole('table', { name: 'Tokens' }).getByRole('link').first().waitFor(),
  },
  {
    name: '…/access-review',
    path: (r) => `${r}/access-review`,
    ready: (p) => p.getByRole('table', { name: 'Findings' }).waitFor(),
  },
  {
    name: '…/hierarchy',
    path: (r) => `${r}/hierarchy`,
    ready: (p) => p.getByRole('treeitem').first().waitFor(),
  },
];

/** The SPA's first-load JavaScript per page, on `demo` (the bundle does not depend on the scenario). */
async function measureSpa(): Promise<{ name: string; scripts: ScriptLoad[] }[]> {
  const build = spawnSync('pnpm', ['--filter', '@latchkey/web', 'build'], { cwd: root });
  if (build.status !== 0) throw new Error(`the web build failed:\n${build.stderr}`);
  const h = await startHarness({ scenario: 'demo', webRoot });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    const data = h.azure.scenario().registries.find((r) => r.name === 'contosoregistry')!;
    const registry = `/registries/${data.subscriptionId}/${data.resourceGroup}/${data.name}`;
    // Sign in once through the real pages; each measurement starts from an empty cache.
    const login = await browser.newContext();
    const page = await login.newPage();
    await page.goto(`${h.base}/registries`);
    await page.getByRole('button', { name: /Avery Admin/ }).click();
    await page.waitForURL(`${h.base}/registries`);
    const storageState = await login.storageState();
    await login.close();
    const out: { name: string; scripts: ScriptLoad[] }[] = [];
    for (const first of firstPages) {
      const context = await browser.newContext({ storageState });
      const scripts = await firstLoadScripts(
        await context.newPage(),
        `${h.base}${first.path(registry)}`,
        first.ready,
      );
      await context.close();
      out.push({ name: first.name, scripts });
    }
    return out;
  } finally {
    await browser.close();
    await h.close();
  }
}

export async function benchBytes(): Promise<void> {
  const demo = await measureApi('demo');
  const large = await measureApi('large');
  console.log('\nBytes on the wire per response (KB), by Accept-Encoding; ms to the last byte');
  console.log(['response', 'encoding', 'demo KB', 'large KB', 'demo ms', 'large ms'].join('\t'));
  demo.rows.forEach((d, i) => {
    const l = large.rows[i]!;
    console.log(
      [d.what, d.encoding, kb(d.bytes), kb(l.bytes), d.ms.toFixed(0), l.ms.toFixed(0)].join('\t'),
    );
  });
  for (const f of [demo, large]) {
    const overview = f.rows.filter((r) => r.what === 'overview');
    const plain = overview.find((r) => r.encoding === 'identity')!.bytes;
    console.log(
      `${f.scenario} (${f.tokens} tokens): overview ` +
        overview
          .filter((r) => r.encoding !== 'identity')
          .map((r) => `${r.encoding} ${(plain / r.bytes).toFixed(1)}× smaller`)
          .join(', '),
    );
  }

  const spa = await measureSpa();
  console.log('\nSPA JavaScript fetched by a first visit (empty cache, Chromium), KB');
  console.log(['first page', 'files', 'gzip KB', 'brotli KB (on the wire)'].join('\t'));
  for (const p of spa) {
    console.log(
      [
        p.name,
        p.scripts.length,
        sumKb(p.scripts, 'gzip').toFixed(1),
        sumKb(p.scripts, 'transferred').toFixed(1),
      ].join('\t'),
    );
  }
  for (const p of spa) {
    const files = [...p.scripts]
      .sort((a, b) => b.gzip - a.gzip)
      .map((s) => `${s.file.replace(/-[\w-]{8}\.js$/, '')} ${(s.gzip / 1024).toFixed(1)}`);
    console.log(`${p.name}: ${files.join(', ')}`);
  }
}

if (import.meta.filename === process.argv[1]) {
  await benchBytes();
}
