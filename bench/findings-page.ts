// The findings page in Chromium on a warm registry snapshot, `demo` against
// `large` (7,000+ findings): time from navigation to the grouped list, and
// from a click on the biggest group to its first row (the group's table is
// virtualized, so opening it costs the rows in view, not the thousands behind
// them). Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { apiPaths } from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { startHarness } from '../apps/bff/test/api/harness';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';

const ROUNDS = 3;
const root = resolve(import.meta.dirname, '..');
const webRoot = join(root, 'apps/web/dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const number = (s: string) => Number(s.replace(/,/g, ''));

interface Figures {
  scenario: ScenarioName;
  findings: number;
  groups: number;
  biggest: number;
  listMs: number;
  openMs: number;
}

async function measure(scenario: ScenarioName): Promise<Figures> {
  const h = await startHarness({ scenario, webRoot, armTimeoutMs: 120_000 });
  try {
    const { ref } = premiumRegistry(h);
    // Warm the shared snapshot: the page then reads what the last sweep left.
    const warm = await fetch(`${h.base}${apiPaths.overview(ref)}`, {
      headers: { cookie: await h.signIn('Riley Reviewer') },
    });
    await warm.arrayBuffer();
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
    const list: number[] = [];
    const open: number[] = [];
    let findings = 0;
    let groups = 0;
    let biggest = 0;
    try {
      for (let i = 0; i < ROUNDS; i += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${h.base}/registries`);
        await page.getByRole('button', { name: /Riley Reviewer/ }).click();
        await page.waitForURL(`${h.base}/registries`);
        const started = performance.now();
        await page.goto(
          `${h.base}/registries/${ref.subscriptionId}/${ref.resourceGroup}/${ref.registryName}/access-review`,
        );
        const items = page.getByRole('list', { name: 'Findings by type' }).getByRole('listitem');
        await items.first().waitFor({ timeout: 120_000 });
        list.push(performance.now() - started);
        const status = await page
          .getByRole('status')
          .filter({ hasText: /findings, computed/ })
          .innerText();
        findings = number(/^([\d,]+) findings/.exec(status)![1]!);
        const headers = await items.allInnerTexts();
        const counts = headers.map((x) => number(/([\d,]+) findings?/.exec(x)![1]!));
        groups = headers.length;
        const at = counts.indexOf(Math.max(...counts));
        biggest = counts[at]!;
        const title = headers[at]!.split('\n')[0]!.trim();
        const clicked = performance.now();
        await items.nth(at).getByRole('button', { name: title, exact: true }).click();
        await page
          .getByRole('table', { name: `${title} findings` })
          .getByRole('link')
          .first()
          .waitFor();
        open.push(performance.now() - clicked);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return { scenario, findings, groups, biggest, listMs: median(list), openMs: median(open) };
  } finally {
    await h.close();
  }
}

export async function benchFindingsPage(): Promise<void> {
  if (!existsSync(join(webRoot, 'index.html'))) {
    spawnSync('pnpm', ['--filter', '@latchkey/web', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const demo = await measure('demo');
  const large = await measure('large');
  console.log(`\nFindings page on a warm snapshot, in Chromium (median of ${ROUNDS})`);
  console.log(
    [
      'scenario',
      'findings',
      'groups',
      'biggest group',
      'grouped list ms',
      'open biggest group ms',
    ].join('\t'),
  );
  for (const f of [demo, large])
    console.log(
      [f.scenario, f.findings, f.groups, f.biggest, f.listMs.toFixed(0), f.openMs.toFixed(0)].join(
        '\t',
      ),
    );
  console.log(
    [
      'large/demo',
      '',
      '',
      '',
      `${(large.listMs / demo.listMs).toFixed(1)}×`,
      `${(large.openMs / demo.openMs).toFixed(1)}×`,
    ].join('\t'),
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchFindingsPage();
}
