// The registry overview under realistic ARM latency: every ARM request held
// 50 ms by local Azure, `demo` against `large`. Prints ARM requests per
// overview, the overview's latency over (longest page chain × 50 ms) — 1.0
// means the page chains of the different lists really run side by side — and
// the time from navigation to the first row of the tokens grid in Chromium
// (the overview reads bypass the registry snapshot with Cache-Control:
// no-cache; the grid's page load is served from the snapshot they left).
// Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { apiPaths } from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { startHarness } from '../apps/bff/test/api/harness';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';

const LATENCY_MS = 50;
const ROUNDS = 3;
const root = resolve(import.meta.dirname, '..');
const webRoot = join(root, 'apps/web/dist');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figures {
  scenario: ScenarioName;
  tokens: number;
  requests: number;
  chain: number;
  overviewMs: number;
  firstRowMs: number;
}

async function measure(scenario: ScenarioName): Promise<Figures> {
  const h = await startHarness({ scenario, webRoot, armTimeoutMs: 60_000 });
  try {
    const { data, ref } = premiumRegistry(h);
    const cookie = await h.signIn('Avery Admin');
    const pages = (n: number) => Math.max(1, Math.ceil(n / 50));
    const chain = Math.max(
      pages(data.tokens.length),
      pages(data.scopeMaps.length + 5),
      pages(data.connectedRegistries.length),
      1,
    );
    h.azure.emulator.control.addFault({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });

    const times: number[] = [];
    let requests = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      h.azure.emulator.control.resetCounters();
      const started = performance.now();
      // The cold sweep every time: no-cache skips the shared snapshot (bench/snapshot.ts measures it).
      const res = await fetch(`${h.base}${apiPaths.overview(ref)}`, {
        headers: { cookie, 'cache-control': 'no-cache' },
      });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`overview answered ${res.status}`);
      requests = h.azure.emulator.control.counters().total;
    }

    const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
    const firstRow: number[] = [];
    try {
      for (let i = 0; i < ROUNDS; i += 1) {
        // Sign in through the real pages first; the clock starts at the navigation to the grid.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${h.base}/registries`);
        await page.getByRole('button', { name: /Avery Admin/ }).click();
        await page.waitForURL(`${h.base}/registries`);
        const started = performance.now();
        await page.goto(
          `${h.base}/registries/${ref.subscriptionId}/${ref.resourceGroup}/${ref.registryName}/tokens`,
        );
        await page
          .getByRole('table', { name: 'Tokens' })
          .getByRole('link')
          .first()
          .waitFor({ timeout: 120_000 });
        firstRow.push(performance.now() - started);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return {
      scenario,
      tokens: data.tokens.length,
      requests,
      chain,
      overviewMs: median(times),
      firstRowMs: median(firstRow),
    };
  } finally {
    h.azure.emulator.control.clearFaults();
    await h.close();
  }
}

export async function benchOverview(): Promise<void> {
  if (!existsSync(join(webRoot, 'index.html'))) {
    spawnSync('pnpm', ['--filter', '@latchkey/web', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const demo = await measure('demo');
  const large = await measure('large');
  console.log(
    `\nRegistry overview with ${LATENCY_MS} ms injected on every ARM request (median of ${ROUNDS})`,
  );
  console.log(
    [
      'scenario',
      'tokens',
      'ARM requests',
      'longest chain',
      'overview ms',
      'ms / (chain × 50 ms)',
      'first grid row ms',
    ].join('\t'),
  );
  for (const f of [demo, large]) {
    console.log(
      [
        f.scenario,
        f.tokens,
        f.requests,
        f.chain,
        f.overviewMs.toFixed(0),
        (f.overviewMs / (f.chain * LATENCY_MS)).toFixed(2),
        f.firstRowMs.toFixed(0),
      ].join('\t'),
    );
  }
  console.log(
    `large/demo: ${(large.tokens / demo.tokens).toFixed(0)}× the tokens, ` +
      `${(large.requests / demo.requests).toFixed(1)}× the ARM requests, ` +
      `${(large.overviewMs / demo.overviewMs).toFixed(1)}× the overview time, ` +
      `${(large.firstRowMs / demo.firstRowMs).toFixed(1)}× the time to the first grid row`,
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchOverview();
}
