import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryOverview } from '../dto';
import {
  acceptedAt,
  computeFindings,
  effectiveAccessEntries,
  type Finding,
  rulesOf,
  tokenEntries,
  whoCanAccess,
  type RepositoryRule,
} from '../index';
import { AccessModel } from './access-model';
import { compareWithModel, type Targets } from './compare';
import { DEMO_NOW, demoOverview } from './demo-overview';
import { modelFindings } from './findings-model';
import { CR_NAMES, GHOST_GATEWAY, REPOSITORIES, hierarchies } from './generate';
import { NOW } from '../test-fixtures';

/** Every repository a rule names exactly, plus names only wildcards reach and one nobody names. */
function demoTargets(o: RegistryOverview): Targets {
  const named = o.scopeMaps.flatMap((m) =>
    rulesOf(m.actions)
      .filter((r): r is RepositoryRule => r.kind === 'repository' && r.pattern.type === 'exact')
      .map((r) => r.repository),
  );
  return {
    repositories: [
      ...new Set([
        ...named,
        'factory/new-thing',
        'release/app',
        'release/app/x',
        'nobody/names-it',
      ]),
    ].sort(),
    gateways: [...o.connectedRegistries.map((c) => c.name.toLowerCase()), 'ghost99'],
  };
}

const withToken = (o: RegistryOverview, name: string, status: 'enabled' | 'disabled') => ({
  ...o,
  tokens: o.tokens.map((t) => (t.name === name ? { ...t, status } : t)),
});
const withoutActions = (o: RegistryOverview, map: string, prefix: string) => ({
  ...o,
  scopeMaps: o.scopeMaps.map((m) =>
    m.name === map ? { ...m, actions: m.actions.filter((a) => !a.startsWith(prefix)) } : m,
  ),
});

describe('the engine agrees with the reference model', () => {
  const demo = demoOverview();

  it('on demo, cell by cell and view by view', () => {
    expect(compareWithModel(demo, demoTargets(demo))).toEqual([]);
  });

  it('on demo with edgeline4 disabled by its sync token, and with sitenorth disabled', () => {
    for (const name of ['edgeline4', 'sitenorth']) {
      const o = withToken(demo, name, 'disabled');
      expect(compareWithModel(o, demoTargets(o)), name).toEqual([]);
    }
  });

  it("on demo with edgeline3's gateway actions removed from its ancestor sitesouth's map", () => {
    const o = withoutActions(demo, 'sitesouth', 'gateway/edgeline3/');
    expect(compareWithModel(o, demoTargets(o))).toEqual([]);
  });

  it('on 500 generated hierarchies (depth up to 4, both modes, wildcards, system maps, disabled and missing tokens)', () => {
    const targets: Targets = {
      repositories: REPOSITORIES,
      gateways: [...CR_NAMES, GHOST_GATEWAY],
    };
    let nested = 0;
    let deepest = 0;
    fc.assert(
      fc.property(hierarchies, ({ overview, depth }) => {
        const d = Math.max(...depth.values());
        deepest = Math.max(deepest, d);
        if (d > 1) nested++;
        expect(compareWithModel(overview, targets)).toEqual([]);
      }),
      { numRuns: 500, seed: 9 },
    );
    // The sample did exercise nesting, down to the deepest level allowed.
    expect(nested).toBeGreaterThan(200);
    expect(deepest).toBe(4);
    // Hundreds of thousands of cells: allow for a busy CI machine.
  }, 120_000);
});

const modelled = new Set([
  'sync-token.ancestor-missing-gateway-permissions',
  'client-token.gateway-permissions',
  'connected-registry.disabled-by-sync-token',
  'connected-registry.never-activated',
]);

/** The engine's findings in the model's notation (the missing actions where it names them). */
function engineFindings(o: RegistryOverview, now: number): string[] {
  const line = (f: Finding) =>
    `${f.id} ${f.target.kind}:${f.target.name}` +
    (f.target.connectedRegistry ? `@${f.target.connectedRegistry}` : '') +
    (f.id === 'sync-token.ancestor-missing-gateway-permissions'
      ? ' ' +
        f.evidence
          .filter((e) => e.startsWith('missing '))
          .map((e) => e.slice('missing '.length))
          .join(' ')
      : '');
  return computeFindings(o, now)
    .filter((f) => modelled.has(f.id))
    .map(line)
    .sort();
}

describe('the hierarchy findings agree with the reference model', () => {
  const demo = demoOverview();

  it('on demo and its variants', () => {
    for (const o of [
      demo,
      withToken(demo, 'edgeline4', 'disabled'),
      withoutActions(demo, 'sitesouth', 'gateway/edgeline3/'),
      withoutActions(demo, 'edgeline1', 'gateway/'),
    ]) {
      expect(engineFindings(o, DEMO_NOW)).toEqual(modelFindings(o, DEMO_NOW));
    }
    // Not vacuous: the variants do raise them.
    expect(modelFindings(withToken(demo, 'edgeline4', 'disabled'), DEMO_NOW)).toEqual([
      'connected-registry.disabled-by-sync-token connected-registry:edgeline4',
    ]);
    expect(
      modelFindings(withoutActions(demo, 'sitesouth', 'gateway/edgeline3/'), DEMO_NOW),
    ).toEqual([
      'sync-token.ancestor-missing-gateway-permissions token:sitesouth@edgeline3 gateway/edgeline3/config/read gateway/edgeline3/config/write gateway/edgeline3/message/read gateway/edgeline3/message/write',
    ]);
  });

  it('on 500 generated hierarchies', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(hierarchies, ({ overview }) => {
        const want = modelFindings(overview, NOW);
        for (const w of want) seen.set(w.split(' ')[0]!, (seen.get(w.split(' ')[0]!) ?? 0) + 1);
        expect(engineFindings(overview, NOW)).toEqual(want);
      }),
      { numRuns: 500, seed: 11 },
    );
    // Every modelled finding came up in the sample, so the comparison was not vacuous.
    for (const id of modelled) expect(seen.get(id) ?? 0, id).toBeGreaterThan(10);
  });
});

// The facts the issue names, stated directly (the model agrees with them above).
describe('on demo, as a reviewer reads it', () => {
  const demo = demoOverview();

  it("sitenorth accepts edgeline1's sync token, which can pull factory/line-agent there", () => {
    const at = acceptedAt(demo, 'sitenorth').find((a) => a.token.name === 'edgeline1');
    expect(at?.acceptedAs).toEqual([{ type: 'child-sync-token', child: 'edgeline1' }]);
    const row = whoCanAccess(demo, 'factory/line-agent', 'sitenorth').tokens.find(
      (r) => r.token === 'edgeline1',
    );
    expect(row?.granted.map((g) => [g.permission, g.rules])).toEqual([
      ['content/read', ['repositories/factory/line-agent/content/read']],
      ['metadata/read', ['repositories/factory/line-agent/metadata/read']],
    ]);
    const entry = tokenEntries(demo, DEMO_NOW).find((t) => t.name === 'edgeline1');
    expect(entry?.acceptedBy).toEqual(['sitenorth']);
    // A top-level connected registry's sync token reaches the cloud registry only.
    expect(tokenEntries(demo, DEMO_NOW).find((t) => t.name === 'sitenorth')?.acceptedBy).toEqual(
      [],
    );
  });

  it("edgeline2's sync token at sitenorth: plc-bridge is shown as not synced there, not hidden", () => {
    const row = whoCanAccess(demo, 'factory/plc-bridge', 'sitenorth').tokens.find(
      (r) => r.token === 'edgeline2',
    );
    expect(row?.granted).toEqual([]);
    expect(row?.removed.map((r) => r.reason)).toEqual(['not-synced', 'not-synced']);
  });

  it('a disabled sync token leaves nothing effective on its connected registry, with the reason', () => {
    const o = withToken(demo, 'edgeline4', 'disabled');
    const entries = effectiveAccessEntries(o, 'edgeline4').entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.flatMap((e) => e.granted)).toEqual([]);
    expect(new Set(entries.flatMap((e) => e.removed.map((r) => r.reason)))).toEqual(
      new Set(['registry-disabled']),
    );
    expect(entries[0]?.removed[0]?.explanation).toBe(
      'edgeline4 is disabled: its sync token edgeline4 is disabled',
    );
    // Its own sync token is disabled too, so it no longer reaches its parent sitesouth.
    const atParent = whoCanAccess(o, 'factory/line-agent', 'sitesouth').tokens.find(
      (r) => r.token === 'edgeline4',
    );
    expect(atParent?.removed.map((r) => r.reason)).toEqual(['token-disabled', 'token-disabled']);
  });

  it('the model itself reads the documentation: a ReadOnly place serves pulls only', () => {
    const m = new AccessModel(demo);
    const cell = m.cell(
      'edgeline1',
      'line1-hmi',
      { kind: 'repository', name: 'factory/line-agent' },
      'content/delete',
    );
    expect(cell).toEqual({ mapGrants: true, reasons: ['read-only-mode'] });
  });
});
