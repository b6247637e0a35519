// The shared registry snapshot under realistic ARM latency (50 ms on every ARM
// request), `demo` against `large`: what the first (cold) overview costs, and
// what a repeat costs for the same person and for another person, in ARM
// requests and time, against the targets (≤ 4 requests, ≤ 10 × latency).
// Also the findings on a warm snapshot. Figures are printed, never asserted.
import { apiPaths, type RegistryPath } from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { startHarness, type Harness } from '../apps/bff/test/api/harness';

const LATENCY_MS = 50;
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Read {
  ms: number;
  requests: number;
}

async function timed(h: Harness, path: string, cookie: string, fresh = false): Promise<Read> {
  h.azure.emulator.control.resetCounters();
  const started = performance.now();
  const res = await fetch(`${h.base}${path}`, {
    headers: { cookie, ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
  });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return { ms, requests: h.azure.emulator.control.counters().total };
}

async function rounds(read: () => Promise<Read>): Promise<Read> {
  const all: Read[] = [];
  for (let i = 0; i < ROUNDS; i += 1) all.push(await read());
  return { ms: median(all.map((r) => r.ms)), requests: Math.max(...all.map((r) => r.requests)) };
}

interface Figures {
  scenario: ScenarioName;
  tokens: number;
  cold: Read;
  samePerson: Read;
  otherPerson: Read;
  findings: Read;
}

async function measure(scenario: ScenarioName): Promise<Figures> {
  const h = await startHarness({ scenario, armTimeoutMs: 60_000 });
  try {
    const data = h.azure.scenario().registries.find((r) => r.sku === 'Premium')!;
    const ref: RegistryPath = {
      subscriptionId: data.subscriptionId,
      resourceGroup: data.resourceGroup,
      registryName: data.name,
    };
    const [admin, reviewer] = await Promise.all([
      h.signIn('Avery Admin'),
      h.signIn('Riley Reviewer'),
    ]);
    h.azure.emulator.control.addFault({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });
    const overview = apiPaths.overview(ref);
    const cold = await timed(h, overview, admin);
    const samePerson = await rounds(() => timed(h, overview, admin));
    const otherPerson = await rounds(() => timed(h, overview, reviewer));
    const findings = await rounds(() => timed(h, apiPaths.findings(ref), reviewer));
    return { scenario, tokens: data.tokens.length, cold, samePerson, otherPerson, findings };
  } finally {
    h.azure.emulator.control.clearFaults();
    await h.close();
  }
}

export async function benchSnapshot(): Promise<void> {
  const demo = await measure('demo');
  const large = await measure('large');
  const limitMs = 10 * LATENCY_MS;
  console.log(
    `\nRegistry snapshot: repeat reads with ${LATENCY_MS} ms on every ARM request ` +
      `(median of ${ROUNDS}; targets: ≤ 4 ARM requests and ≤ ${limitMs} ms)`,
  );
  console.log(['scenario', 'tokens', 'read', 'ARM requests', 'ms', 'target met'].join('\t'));
  for (const f of [demo, large]) {
    const rows: Array<[string, Read, boolean]> = [
      ['cold (first read)', f.cold, false],
      ['repeat, same person', f.samePerson, true],
      ['repeat, another person', f.otherPerson, true],
      ['findings, warm snapshot', f.findings, true],
    ];
    for (const [label, r, targeted] of rows) {
      const met = r.requests <= 4 && r.ms <= limitMs ? 'yes' : 'NO';
      console.log(
        [f.scenario, f.tokens, label, r.requests, r.ms.toFixed(0), targeted ? met : '—'].join('\t'),
      );
    }
  }
  console.log(
    `large/demo repeat overview: ${(large.otherPerson.ms / demo.otherPerson.ms).toFixed(1)}× the time, ` +
      `${large.otherPerson.requests} vs ${demo.otherPerson.requests} ARM requests`,
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchSnapshot();
}
