import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryOverview } from '../dto';
import {
  acceptedAt,
  effectiveAccessEntries,
  rulesOf,
  tokenEntries,
  whoCanAccess,
  type RepositoryRule,
} from '../index';
import { AccessModel } from './access-model';
import { compareWithModel, type Targets } from './compare';
import { DEMO_NOW, demoOverview } from './demo-overview';
import { CR_NAMES, GHOST_GATEWAY, REPOSITORIES, hierarchies } from './generate';

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
