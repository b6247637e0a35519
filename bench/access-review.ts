// The access-review engines on `large` against `demo`: findings, the
// effective-access matrix (the cloud registry and every connected registry),
// "who can access repository X" across every place, "who holds gateway
// permissions for connected registry G" across every place, and the
// effective-access export rows. The overviews come through the real BFF (local Azure, no
// injected latency), exactly as the findings and export routes read them; each
// run then works on a fresh copy, because every request builds a new overview
// and the engines' per-overview caches start cold. Figures are printed, never
// asserted.
import {
  accessMatrix,
  apiPaths,
  computeFindings,
  effectiveAccessEntries,
  registryOverviewSchema,
  rulesOf,
  whoCanAccess,
  whoCanAccessGateway,
  type RegistryOverview,
} from '@latchkey/domain';
import type { ScenarioName } from '@latchkey/local-azure';
import { premiumRegistry } from './premium-registry';
import { findingsDelta } from '../apps/web/src/features/scope-maps/utils/scope-map-findings';
import { startHarness } from '../apps/bff/test/api/harness';

const RUNS: Record<string, number> = { demo: 25, large: 5 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function fetchOverview(scenario: ScenarioName): Promise<RegistryOverview> {
  const h = await startHarness({ scenario, armTimeoutMs: 120_000 });
  try {
    const { ref } = premiumRegistry(h);
    const res = await h.get(apiPaths.overview(ref), await h.signIn('Riley Reviewer'));
    if (res.status !== 200) throw new Error(`overview answered ${res.status}`);
    return registryOverviewSchema.parse(await res.json());
  } finally {
    await h.close();
  }
}

/** The repository (or pattern) the most scope-map rules name: the hardest "who can access". */
function busiestRepository(o: RegistryOverview): string {
  const counts = new Map<string, number>();
  for (const m of o.scopeMaps) {
    for (const rule of rulesOf(m.actions)) {
      if (rule.kind === 'repository')
        counts.set(rule.repository, (counts.get(rule.repository) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/** The connected registry whose gateway the most scope-map rules name. */
function busiestGateway(o: RegistryOverview): string {
  const counts = new Map<string, number>();
  for (const m of o.scopeMaps) {
    for (const rule of rulesOf(m.actions)) {
      if (rule.kind === 'gateway')
        counts.set(rule.connectedRegistry, (counts.get(rule.connectedRegistry) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

interface Question {
  repository: string;
  gateway: string;
}

/** The scope-map review: delete added to the map of the first client token (the SPA's work). */
function reviewDelta(o: RegistryOverview): number {
  const client = o.tokens.find((t) => t.kind.type === 'client' && t.scopeMapName);
  const map = o.scopeMaps.find((m) => m.name === client?.scopeMapName);
  if (!map) return 0;
  const repo = map.actions
    .find((a) => a.startsWith('repositories/'))
    ?.split('/')
    .slice(1, -2)
    .join('/');
  const d = findingsDelta(
    o,
    map.name,
    [...map.actions, `repositories/${repo}/content/delete`],
    Date.now(),
  );
  return d.created.length + d.resolved.length;
}

const operations = {
  findings: (o: RegistryOverview) => computeFindings(o, Date.now()).length,
  'scope-map review findings': reviewDelta,
  'matrix, every place': (o: RegistryOverview) =>
    [undefined, ...o.connectedRegistries.map((c) => c.name)].reduce(
      (n, cr) => n + accessMatrix(o, cr ? { connectedRegistry: cr } : {}).rows.length,
      0,
    ),
  'whoCanAccess, every place': (o: RegistryOverview, q: Question) =>
    [undefined, ...o.connectedRegistries.map((c) => c.name)].reduce(
      (n, cr) => n + whoCanAccess(o, q.repository, cr).tokens.length,
      0,
    ),
  'whoCanAccessGateway, every place': (o: RegistryOverview, q: Question) =>
    [undefined, ...o.connectedRegistries.map((c) => c.name)].reduce(
      (n, cr) => n + whoCanAccessGateway(o, q.gateway, cr).tokens.length,
      0,
    ),
  'effective-access export rows': (o: RegistryOverview) => effectiveAccessEntries(o).entries.length,
};
type Operation = keyof typeof operations;

interface Figures {
  scenario: ScenarioName;
  tokens: number;
  scopeMaps: number;
  connectedRegistries: number;
  rules: number;
  repository: string;
  gateway: string;
  ms: Record<Operation, number>;
  output: Record<Operation, number>;
}

async function measure(scenario: ScenarioName): Promise<Figures> {
  const overview = await fetchOverview(scenario);
  const repository = busiestRepository(overview);
  const gateway = busiestGateway(overview);
  const runs = RUNS[scenario] ?? 5;
  const ms = {} as Record<Operation, number>;
  const output = {} as Record<Operation, number>;
  for (const [name, op] of Object.entries(operations) as [
    Operation,
    (o: RegistryOverview, q: Question) => number,
  ][]) {
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const fresh = structuredClone(overview);
      const started = performance.now();
      output[name] = op(fresh, { repository, gateway });
      times.push(performance.now() - started);
    }
    ms[name] = median(times);
  }
  return {
    scenario,
    tokens: overview.tokens.length,
    scopeMaps: overview.scopeMaps.length,
    connectedRegistries: overview.connectedRegistries.length,
    rules: overview.scopeMaps.reduce((n, m) => n + m.actions.length, 0),
    repository,
    gateway,
    ms,
    output,
  };
}

export async function benchAccessReview(): Promise<void> {
  const demo = await measure('demo');
  const large = await measure('large');
  const ops = Object.keys(operations) as Operation[];
  console.log(
    `\nAccess-review engines over one overview (median ms of ${RUNS.demo} runs for demo, ${RUNS.large} for large; cold caches)`,
  );
  console.log(
    [
      'scenario',
      'tokens',
      'scope maps',
      'connected registries',
      'rules',
      ...ops.map((o) => `${o} ms`),
    ].join('\t'),
  );
  for (const f of [demo, large]) {
    console.log(
      [
        f.scenario,
        f.tokens,
        f.scopeMaps,
        f.connectedRegistries,
        f.rules,
        ...ops.map((o) => f.ms[o].toFixed(1)),
      ].join('\t'),
    );
  }
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log(
    [
      'large/demo',
      x(large.tokens, demo.tokens),
      x(large.scopeMaps, demo.scopeMaps),
      x(large.connectedRegistries, demo.connectedRegistries),
      x(large.rules, demo.rules),
      ...ops.map((o) => x(large.ms[o], demo.ms[o])),
    ].join('\t'),
  );
  console.log(
    `Output sizes (demo / large): ` +
      ops.map((o) => `${o} ${demo.output[o]} / ${large.output[o]}`).join('; ') +
      `. whoCanAccess asked about the repository most rules name: ${demo.repository} / ${large.repository};` +
      ` whoCanAccessGateway about the gateway most rules name: ${demo.gateway} / ${large.gateway}.`,
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchAccessReview();
}
