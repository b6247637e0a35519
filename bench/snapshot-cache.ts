// The in-process snapshot cache, `demo` against `large`, on a real PostgreSQL:
// a warm overview (another person, so no per-person sharing helps) with no
// in-process cache (the whole row fetched on every read), with the cache and
// a version query on every read (an instance whose LISTEN is down), and with
// the cache kept current by LISTEN/NOTIFY (no storage query at all). "Cache"
// covers both the snapshot and the overview's JSON serialized from it. With no
// ARM latency (the BFF's own cost) and with 50 ms on every ARM request.
// Figures are printed, never asserted.
import { apiPaths } from '@latchkey/domain';
import type { LocalAzure, ScenarioName } from '@latchkey/local-azure';
import { startHarness, type Harness } from '../apps/bff/test/api/harness';
import { startPostgres } from '../apps/bff/test/global-setup';
import { premiumRegistry } from './premium-registry';
// The types global-setup provides to vitest, which its module does not import itself.
import '../apps/bff/test/provided-context';

const ROUNDS = 11;
const LATENCIES = [0, 50];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const MODES = {
  'no in-process cache': {
    snapshotListen: false,
    snapshotCache: { maxBytes: 0 },
    overviewBodies: { maxRegistries: 0, maxChars: 0 },
  },
  'cache + version query': { snapshotListen: false },
  'cache + LISTEN/NOTIFY': {},
} as const;
type Mode = keyof typeof MODES;

interface Figure {
  scenario: ScenarioName;
  mode: Mode;
  latencyMs: number;
  ms: number;
  /** Storage queries per read: version checks and whole-row reads. */
  versionQueries: number;
  rowReads: number;
}

async function warmReads(h: Harness, path: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    const res = await fetch(`${h.base}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  return median(times);
}

async function measure(scenario: ScenarioName, url: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  let azure: LocalAzure | undefined;
  const harnesses: Harness[] = [];
  try {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const h = await startHarness({
        scenario,
        armTimeoutMs: 60_000,
        storage: { kind: 'postgres', url },
        // No background refresh within the run: each mode's reads are warm reads alone.
        snapshotFreshnessMs: 3_600_000,
        ...(azure ? { azure } : {}),
        ...MODES[mode],
      });
      harnesses.push(h);
      azure ??= h.azure;
      const { ref } = premiumRegistry(h);
      const [admin, reviewer] = await Promise.all([
        h.signIn('Avery Admin'),
        h.signIn('Riley Reviewer'),
      ]);
      const path = apiPaths.overview(ref);
      // The first mode's read is the cold sweep that stores the snapshot; the others find it.
      await warmReads(h, path, admin);
      for (const latencyMs of LATENCIES) {
        h.azure.emulator.control.clearFaults();
        if (latencyMs)
          h.azure.emulator.control.addFault({ operation: '*', kind: 'latency', latencyMs });
        const before = h.snapshots.stats();
        const ms = await warmReads(h, path, reviewer);
        const after = h.snapshots.stats();
        figures.push({
          scenario,
          mode,
          latencyMs,
          ms,
          versionQueries: (after.versionChecks - before.versionChecks) / ROUNDS,
          rowReads: (after.fullReads - before.fullReads) / ROUNDS,
        });
      }
      h.azure.emulator.control.clearFaults();
    }
  } finally {
    // The first harness owns local Azure: close it last.
    for (const h of harnesses.reverse()) await h.close();
  }
  return figures;
}

export async function benchSnapshotCache(): Promise<void> {
  const demoPg = await startPostgres();
  const largePg = await startPostgres();
  let figures: Figure[];
  try {
    figures = [...(await measure('demo', demoPg.url)), ...(await measure('large', largePg.url))];
  } finally {
    await Promise.all([demoPg.stop(), largePg.stop()]);
  }
  console.log(
    `\nIn-process snapshot cache: a warm overview by another person on PostgreSQL ` +
      `(median of ${ROUNDS}; storage queries per read)`,
  );
  console.log(
    ['ARM latency', 'mode', 'demo ms', 'large ms', 'version queries', 'row reads'].join('\t'),
  );
  for (const latencyMs of LATENCIES)
    for (const mode of Object.keys(MODES) as Mode[]) {
      const of = (s: ScenarioName) =>
        figures.find((f) => f.scenario === s && f.mode === mode && f.latencyMs === latencyMs)!;
      const [demo, large] = [of('demo'), of('large')];
      console.log(
        [
          `${latencyMs} ms`,
          mode,
          demo.ms.toFixed(1),
          large.ms.toFixed(1),
          large.versionQueries,
          large.rowReads,
        ].join('\t'),
      );
    }
}

if (import.meta.filename === process.argv[1]) {
  await benchSnapshotCache();
}
