// Streamed exports and the printable report, `large` against `demo`, with 50 ms
// on every ARM request and a warm registry snapshot (one overview read first):
// time to the first body byte, time to the last, bytes on the wire (brotli,
// as a browser asks) and the BFF's extra heap at its peak while the answer is
// written (the BFF runs in this process; the heap is sampled every 10 ms).
// Figures are printed, never asserted.
import { request } from 'node:http';
import {
  apiPaths,
  effectiveAccessEntries,
  effectiveAccessEntryStream,
  exportStamp,
  jsonChunks,
  registryOverviewSchema,
  type EffectiveAccessExport,
  type RegistryOverview,
  type ReportSection,
} from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { startHarness, type Harness } from '../apps/bff/test/api/harness';

const LATENCY_MS = 50;

interface Answer {
  firstByteMs: number;
  totalMs: number;
  wireBytes: number;
}

/** One GET, brotli-encoded; times from the request to its first and last body byte. */
function fetchTimed(h: Harness, path: string, cookie: string): Promise<Answer> {
  const started = performance.now();
  return new Promise<Answer>((done, fail) => {
    request(`${h.base}${path}`, { headers: { cookie, 'accept-encoding': 'br' } }, (res) => {
      let firstByteMs = 0;
      let wireBytes = 0;
      res.on('data', (chunk: Buffer) => {
        if (wireBytes === 0) firstByteMs = performance.now() - started;
        wireBytes += chunk.length;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) fail(new Error(`${path} answered ${res.statusCode}`));
        done({ firstByteMs, totalMs: performance.now() - started, wireBytes });
      });
    })
      .on('error', fail)
      .end();
  });
}

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of `ROUNDS` reads, figure by figure. */
async function medianOf(read: () => Promise<Answer>): Promise<Answer> {
  const answers: Answer[] = [];
  for (let i = 0; i < ROUNDS; i += 1) answers.push(await read());
  return {
    firstByteMs: median(answers.map((a) => a.firstByteMs)),
    totalMs: median(answers.map((a) => a.totalMs)),
    wireBytes: median(answers.map((a) => a.wireBytes)),
  };
}

type Row = { what: string } & Answer;

/**
 * The effective-access JSON of one overview, built in this process both ways:
 * one string (as the route did before it streamed) and piece by piece with
 * each piece dropped once counted (as a socket takes them). What each keeps
 * alive at its peak: the heap after a full GC (--expose-gc), sampled along
 * the way, over the heap before it started.
 */
function documentMemory(overview: RegistryOverview) {
  const stamp = exportStamp(overview, Date.now());
  let base = 0;
  let peak = 0;
  const start = () => {
    globalThis.gc?.();
    base = peak = process.memoryUsage().heapUsed;
  };
  const sample = () => {
    globalThis.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const mb = () => (peak - base) / 2 ** 20;

  start();
  const all = effectiveAccessEntries(overview);
  sample();
  const text = JSON.stringify({ stamp, ...all } satisfies EffectiveAccessExport, null, 2) + '\n';
  sample();
  const wholeMb = mb();
  const chars = text.length;

  start();
  const { repositories, gateways, entries } = effectiveAccessEntryStream(overview);
  let n = 0;
  for (const chunk of jsonChunks<EffectiveAccessExport, 'entries'>(
    { stamp, repositories, gateways, entries: null },
    'entries',
    entries,
  )) {
    if (chunk.length > 0 && ++n % 50 === 0) sample();
  }
  sample();
  return { chars, wholeMb, streamedMb: mb() };
}

interface Figures {
  tokens: number;
  rows: Row[];
  memory: ReturnType<typeof documentMemory>;
}

async function measure(scenario: ScenarioName): Promise<Figures> {
  // A warm snapshot for the whole run: every read below pays only the per-person gate.
  const h = await startHarness({ scenario, armTimeoutMs: 120_000, snapshotFreshnessMs: 3_600_000 });
  try {
    const { data, ref } = premiumRegistry(h);
    const cookie = await h.signIn('Riley Reviewer');
    h.azure.emulator.control.addFault({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });
    const overview = registryOverviewSchema.parse(
      await (await h.get(apiPaths.overview(ref), cookie)).json(),
    );
    const sections: ReportSection[] = ['summary', 'findings', 'tokens', 'effective-access', 'all'];
    const targets: Array<[string, string]> = [
      ['effective-access CSV', apiPaths.exportEffectiveAccess(ref, 'csv')],
      ['effective-access JSON', apiPaths.exportEffectiveAccess(ref, 'json')],
      ['tokens JSON', apiPaths.exportTokens(ref, 'json')],
      ...sections.map((s): [string, string] => [
        `report ?section=${s}`,
        apiPaths.accessReport(ref, s),
      ]),
    ];
    const rows: Row[] = [];
    for (const [what, path] of targets) {
      rows.push({ what, ...(await medianOf(() => fetchTimed(h, path, cookie))) });
    }
    return { tokens: data.tokens.length, rows, memory: documentMemory(overview) };
  } finally {
    h.azure.emulator.control.clearFaults();
    await h.close();
  }
}

export async function benchReportExports(): Promise<void> {
  const demo = await measure('demo');
  const large = await measure('large');
  console.log(
    `\nExports and the printable report, streamed (brotli), warm snapshot, ${LATENCY_MS} ms on every ARM request` +
      ` (median of ${ROUNDS}; target: report summary ≤ 2000 ms on large)`,
  );
  console.log(
    [
      'what',
      'demo first byte ms',
      'demo total ms',
      'large first byte ms',
      'large total ms',
      'demo KB on the wire',
      'large KB on the wire',
    ].join('\t'),
  );
  for (const [i, d] of demo.rows.entries()) {
    const l = large.rows[i]!;
    console.log(
      [
        d.what,
        d.firstByteMs.toFixed(0),
        d.totalMs.toFixed(0),
        l.firstByteMs.toFixed(0),
        l.totalMs.toFixed(0),
        (d.wireBytes / 1024).toFixed(1),
        (l.wireBytes / 1024).toFixed(0),
      ].join('\t'),
    );
  }
  console.log(`tokens: demo ${demo.tokens}, large ${large.tokens}`);
  console.log(
    `\nEffective-access JSON built in one process: live heap added at the peak (MB, after a full GC; needs --expose-gc)`,
  );
  if (!globalThis.gc) {
    console.log('not measured: run `node --expose-gc --import tsx bench/report-exports.ts`');
    return;
  }
  console.log(['scenario', 'document MB', 'one string MB', 'streamed pieces MB'].join('\t'));
  for (const [name, f] of [
    ['demo', demo],
    ['large', large],
  ] as const) {
    console.log(
      [
        name,
        (f.memory.chars / 2 ** 20).toFixed(1),
        f.memory.wholeMb.toFixed(0),
        f.memory.streamedMb.toFixed(0),
      ].join('\t'),
    );
  }
}

if (import.meta.filename === process.argv[1]) {
  await benchReportExports();
}
