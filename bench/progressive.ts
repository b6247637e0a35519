// The progressive first load and the light hierarchy poll, `demo` against
// `large`, with 50 ms on every ARM request. Prints: for a cold read (a change
// made in Azure on the first page, so the snapshot no longer matches), the
// time to the first streamed row and to the end of the stream at the BFF's
// API, and the first tokens-grid row in Chromium; for the hierarchy poll, the
// bytes on the wire (brotli) and ARM requests of the runtime-state read
// (overview/runtime, whole and 304) against the full overview, and, in
// Chromium, what the page's own 30-second poll asked for and the longest
// main-thread task it reports (PerformanceObserver 'longtask') around it.
// Figures are printed, never asserted. BENCH_PROGRESSIVE=poll measures the poll only.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { apiPaths, type RegistryPath } from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { setTokenStatusInAzure, startHarness, type Harness } from '../apps/bff/test/api/harness';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';

const LATENCY_MS = 50;
const pollOnly = process.env.BENCH_PROGRESSIVE === 'poll';
const ROUNDS = 3;
/** Polls of the hierarchy page watched for long tasks (BENCH_POLLS), each after the devices moved. */
const POLLS = Number(process.env.BENCH_POLLS ?? 3);
const root = resolve(import.meta.dirname, '..');
// BENCH_WEB_ROOT: another build of the SPA (e.g. unminified, to read a profile).
const webRoot = process.env.BENCH_WEB_ROOT ?? join(root, 'apps/web/dist');
/** BENCH_POLL_PROFILE=<file prefix>: a CPU profile of the page's poll (<prefix>-<scenario>.cpuprofile) and its heaviest functions. */
const profilePrefix = process.env.BENCH_POLL_PROFILE;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Status, headers and body bytes as they arrive (brotli, not decoded), with times to the first chunk and the end. */
function wire(
  h: Harness,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; etag: string; bytes: number; firstMs: number; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    request(`${h.base}${path}`, { headers: { 'accept-encoding': 'br', ...headers } }, (res) => {
      let bytes = 0;
      let firstMs = 0;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstMs = performance.now() - started;
        bytes += chunk.length;
      });
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          etag: String(res.headers.etag ?? ''),
          bytes,
          firstMs,
          ms: performance.now() - started,
        }),
      );
    })
      .on('error', fail)
      .end();
  });
}

interface Figures {
  scenario: ScenarioName;
  tokens: number;
  streamFirstMs: number;
  streamEndMs: number;
  streamRequests: number;
  gridFirstRowMs: number;
  fullBytes: number;
  /** A runtime answer in full (what a poll costs when a device moved), and a 304. */
  pollBytes: number;
  poll304Bytes: number;
  pollRequests: number;
  pollMs: number;
  longestTaskMs: number;
  /** Per poll of the page: the longest task starting within 1 s of its answer (0: none over 50 ms). */
  afterPollMs: number[];
  /** Per poll, from a trace: the longest renderer task starting within 1 s of the answer, however short. */
  tracedAfterPollMs: { ms: number; cpuMs: number }[];
  /** What the page's own poll got from overview/runtime (304, or 200 when runtime state moved). */
  pollStatuses: number[];
  /** Reads of the overview itself during the page's poll (0 unless the lists changed). */
  pollOverviewReads: number;
}

async function signedIn(browser: Browser, h: Harness) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.base}/registries`);
  await page.getByRole('button', { name: /Avery Admin/ }).click();
  await page.waitForURL(`${h.base}/registries`);
  return { context, page };
}

async function measure(scenario: ScenarioName, browser: Browser): Promise<Figures> {
  const h = await startHarness({ scenario, webRoot, armTimeoutMs: 60_000 });
  try {
    const { data, ref } = premiumRegistry(h);
    const cookie = await h.signIn('Avery Admin');
    const control = h.azure.emulator.control;
    const first = data.tokens[0]!.name;
    let flip: 'enabled' | 'disabled' = 'disabled';
    /** A change in Azure on the first page: the next read cannot serve the snapshot. */
    const makeCold = async () => {
      control.clearFaults();
      await setTokenStatusInAzure(h, ref, first, flip);
      flip = flip === 'disabled' ? 'enabled' : 'disabled';
      control.addFault({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });
    };
    await wire(h, apiPaths.overview(ref), { cookie }); // the first snapshot
    const firsts: number[] = [];
    const ends: number[] = [];
    let streamRequests = 0;
    for (let i = 0; i < (pollOnly ? 0 : ROUNDS); i += 1) {
      await makeCold();
      control.resetCounters();
      const s = await wire(h, apiPaths.overviewStream(ref), { cookie });
      firsts.push(s.firstMs);
      ends.push(s.ms);
      streamRequests = control.counters().total;
    }

    const grid: number[] = [];
    for (let i = 0; i < (pollOnly ? 0 : ROUNDS); i += 1) {
      const { context, page } = await signedIn(browser, h);
      await makeCold();
      const started = performance.now();
      await page.goto(`${h.base}${registryUrl(ref)}/tokens`);
      await page
        .getByRole('table', { name: 'Tokens' })
        .getByRole('link')
        .first()
        .waitFor({ timeout: 120_000 });
      grid.push(performance.now() - started);
      await page.getByRole('progressbar').waitFor({ state: 'detached', timeout: 120_000 });
      await context.close();
    }

    // The poll: the full overview (what it cost before), then the runtime state, whole and conditional.
    const full = await wire(h, apiPaths.overview(ref), { cookie });
    const runtime = await wire(h, apiPaths.overviewRuntime(ref), { cookie });
    control.resetCounters();
    const poll = await wire(h, apiPaths.overviewRuntime(ref), {
      cookie,
      'if-none-match': runtime.etag,
    });
    if (poll.status !== 304) throw new Error(`the poll answered ${poll.status}, not 304`);
    const pollRequests = control.counters().total;

    // One 30-second poll of the hierarchy page in Chromium, watched for long tasks.
    const { context, page } = await signedIn(browser, h);
    await page.goto(`${h.base}${registryUrl(ref)}/hierarchy`);
    await page.getByRole('treeitem').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2_000);
    await page.evaluate(() => {
      const w = globalThis as unknown as { longTasks: [number, number][] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
      }).observe({ entryTypes: ['longtask' as never] });
    });
    const cdp = profilePrefix ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    let pollOverviewReads = 0;
    page.on('request', (r) => {
      if (/\/overview(\/stream)?$/.test(new URL(r.url()).pathname)) pollOverviewReads += 1;
    });
    // The devices move on (every online one heartbeats): the next poll that sees it answers a
    // 200 the page merges, the costly case. One poll may still serve the snapshot being refreshed.
    // Several polls in a row, each after the devices moved again: a poll's long task is the
    // longest that starts within a second of its 200 arriving (the merge and what it re-renders).
    const afterPolls: number[] = [];
    const traced: { ms: number; cpuMs: number }[] = [];
    const statuses: number[] = [];
    let tasks: [number, number][] = [];
    for (let n = 0; n < POLLS; n += 1) {
      // A trace of the renderer's tasks (every one, not only those over 50 ms) around the poll.
      await browser.startTracing(page, { categories: traceCategories });
      h.azure.clock.advance(5 * 60_000);
      let pollStatus = 0;
      for (let i = 0; i < 3 && pollStatus !== 200; i += 1) {
        const polled = await page.waitForResponse((r) => r.url().endsWith('/overview/runtime'), {
          timeout: 45_000,
        });
        pollStatus = polled.status();
      }
      statuses.push(pollStatus);
      await page.waitForTimeout(2_000);
      traced.push(longestTaskAfterPoll(JSON.parse((await browser.stopTracing()).toString())));
      const seen = await page.evaluate(() => {
        const runtimeReads = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/overview/runtime'));
        return {
          tasks: (globalThis as unknown as { longTasks: [number, number][] }).longTasks,
          pollEnd: (runtimeReads.at(-1) as { responseEnd?: number } | undefined)?.responseEnd ?? 0,
        };
      });
      tasks = seen.tasks;
      const afterPoll = tasks.filter(
        ([at]) => at >= seen.pollEnd - 5 && at <= seen.pollEnd + 1_000,
      );
      afterPolls.push(Math.max(0, ...afterPoll.map(([, ms]) => ms)));
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`${profilePrefix}-${scenario}.cpuprofile`, JSON.stringify(profile));
      printProfile(scenario, profile);
    }
    await context.close();

    return {
      scenario,
      tokens: data.tokens.length,
      streamFirstMs: pollOnly ? NaN : median(firsts),
      streamEndMs: pollOnly ? NaN : median(ends),
      streamRequests,
      gridFirstRowMs: pollOnly ? NaN : median(grid),
      fullBytes: full.bytes,
      pollBytes: runtime.bytes,
      poll304Bytes: poll.bytes,
      pollRequests,
      pollMs: poll.ms,
      longestTaskMs: Math.max(0, ...tasks.map(([, ms]) => ms)),
      afterPollMs: afterPolls,
      tracedAfterPollMs: traced,
      pollStatuses: statuses,
      pollOverviewReads,
    };
  } finally {
    h.azure.emulator.control.clearFaults();
    await h.close();
  }
}

const traceCategories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (its wall time less what other processes took). */
  tdur?: number;
  args?: { name?: string; data?: { requestId?: string; url?: string } };
}

/**
 * The longest task of the page's main thread (CrRendererMain) that starts
 * between the last runtime answer's arrival and a second later, in ms.
 */
function longestTaskAfterPoll(trace: { traceEvents: TraceEvent[] }): { ms: number; cpuMs: number } {
  const events = trace.traceEvents;
  const runtimeRequests = new Set(
    events
      .filter(
        (e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith('/overview/runtime'),
      )
      .map((e) => e.args!.data!.requestId),
  );
  const finish = events
    .filter((e) => e.name === 'ResourceFinish' && runtimeRequests.has(e.args?.data?.requestId))
    .at(-1);
  if (!finish) return { ms: NaN, cpuMs: NaN };
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === finish.pid,
  );
  const tasks = events.filter(
    (e) =>
      e.name === 'RunTask' &&
      e.ph === 'X' &&
      e.pid === finish.pid &&
      e.tid === main?.tid &&
      e.ts + (e.dur ?? 0) >= finish.ts &&
      e.ts <= finish.ts + 1_000_000,
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, e) => ((e.dur ?? 0) > (a?.dur ?? -1) ? e : a),
    undefined,
  );
  return { ms: (longest?.dur ?? 0) / 1000, cpuMs: (longest?.tdur ?? 0) / 1000 };
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions the poll spent most time in: self time, and time with the function on the stack. */
function printProfile(scenario: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    const name = label(id);
    if (/^\((idle|program|root)\)/.test(name)) return;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(at);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([l, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${l}`)
      .join('\n');
  console.log(`\n${scenario}: busiest functions during the poll, self time\n${top(self)}`);
  console.log(`${scenario}: with the function on the stack\n${top(total)}`);
}

const registryUrl = (r: RegistryPath) =>
  `/registries/${r.subscriptionId}/${r.resourceGroup}/${r.registryName}`;

export async function benchProgressive(): Promise<void> {
  if (!existsSync(join(webRoot, 'index.html'))) {
    spawnSync('pnpm', ['--filter', '@latchkey/web', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  // BENCH_SCENARIOS=large: one scenario alone (e.g. while profiling the poll).
  const scenarios = (process.env.BENCH_SCENARIOS ?? 'demo,large').split(',') as ScenarioName[];
  const figures: Figures[] = [];
  try {
    for (const scenario of scenarios) figures.push(await measure(scenario, browser));
  } finally {
    await browser.close();
  }
  const demo = figures.find((f) => f.scenario === 'demo');
  const large = figures.find((f) => f.scenario === 'large');
  console.log(
    `\nProgressive first load and light poll, ${LATENCY_MS} ms on every ARM request (median of ${ROUNDS})`,
  );
  console.log(
    [
      'scenario',
      'tokens',
      'cold stream: first row ms',
      'end ms',
      'ARM requests',
      'first grid row ms (Chromium, cold)',
      'overview bytes (br)',
      'runtime poll bytes (br)',
      'runtime poll bytes (304)',
      'poll ARM requests',
      'poll ms',
      `longest task in the ${POLLS} polls' window ms`,
      'longest task within 1 s of each poll answer ms (longtask: 0 is none over 50)',
      'same, from a trace (any length) ms',
      'page poll statuses',
      'overview reads during poll',
    ].join('\t'),
  );
  for (const f of figures) {
    console.log(
      [
        f.scenario,
        f.tokens,
        f.streamFirstMs.toFixed(0),
        f.streamEndMs.toFixed(0),
        f.streamRequests,
        f.gridFirstRowMs.toFixed(0),
        f.fullBytes,
        f.pollBytes,
        f.poll304Bytes,
        f.pollRequests,
        f.pollMs.toFixed(0),
        f.longestTaskMs.toFixed(0),
        f.afterPollMs.map((ms) => ms.toFixed(0)).join('/'),
        f.tracedAfterPollMs.map((t) => `${t.ms.toFixed(0)} (${t.cpuMs.toFixed(0)} CPU)`).join('/'),
        f.pollStatuses.join('/'),
        f.pollOverviewReads,
      ].join('\t'),
    );
  }
  if (!demo || !large) return;
  console.log(
    `large/demo first grid row (cold): ${(large.gridFirstRowMs / demo.gridFirstRowMs).toFixed(2)}× (target ≤ 1.5×); ` +
      `hierarchy poll on large: ${(large.pollBytes / 1024).toFixed(2)} KB (target ≤ 50 KB), ` +
      `longest task ${large.longestTaskMs.toFixed(0)} ms in the window, ${Math.max(...large.afterPollMs).toFixed(0)} ms within 1 s of a poll answer (target: none over 50 ms)`,
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchProgressive();
}
