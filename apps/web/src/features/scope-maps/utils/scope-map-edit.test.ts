import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import {
  actionsFromRows,
  addsWriteOrDelete,
  blastRadius,
  rebaseActions,
  rowsFromActions,
  validateRows,
} from './scope-map-edit';
import { describeDiff, diffActions } from './scope-map-diff';

let n = 0;
const key = () => `k${++n}`;

describe('rowsFromActions ⇄ actionsFromRows', () => {
  it('groups actions by repository and gateway, keeping unknown ones', () => {
    const rows = rowsFromActions(
      [
        'repositories/factory/line-agent/content/read',
        'repositories/factory/line-agent/content/write',
        'repositories/factory/*/metadata/read',
        'gateway/edge01/config/read',
        'weird/thing',
      ],
      key,
    );
    expect(rows.repositories.map((r) => [r.repository, r.permissions])).toEqual([
      ['factory/*', ['metadata/read']],
      ['factory/line-agent', ['content/read', 'content/write']],
    ]);
    expect(rows.gateways.map((g) => [g.connectedRegistry, g.permissions])).toEqual([
      ['edge01', ['config/read']],
    ]);
    expect(rows.other).toEqual(['weird/thing']);
  });

  it('round-trips, in canonical permission order, without duplicates', () => {
    const actions = [
      'repositories/a/content/read',
      'repositories/b/*/content/delete',
      'gateway/edge01/message/write',
    ];
    const rows = rowsFromActions(actions, key);
    expect(new Set(actionsFromRows(rows).actions)).toEqual(new Set(actions));
    const dup = {
      repositories: [
        { key: 'x', repository: 'a', permissions: ['content/write', 'content/read'] as const },
        { key: 'y', repository: ' a ', permissions: ['content/read'] as const },
      ].map((r) => ({ ...r, permissions: [...r.permissions] })),
      gateways: [],
      other: [],
    };
    const out = actionsFromRows(dup);
    expect(out.actions).toEqual(['repositories/a/content/read', 'repositories/a/content/write']);
    expect(out.origins).toEqual([
      { kind: 'repository', key: 'x' },
      { kind: 'repository', key: 'x' },
    ]);
  });
});

describe('validateRows', () => {
  it('puts the validator rule under the row that caused it', () => {
    const v = validateRows({
      repositories: [
        { key: 'ok', repository: 'team/*', permissions: ['content/read'] },
        { key: 'bad', repository: 'team/*/x', permissions: ['content/read'] },
      ],
      gateways: [{ key: 'g', connectedRegistry: 'ed', permissions: ['config/read'] }],
      other: [],
    });
    expect(v.valid).toBe(false);
    expect(v.errors.repository.ok).toBeUndefined();
    expect(v.errors.repository.bad).toContain('action.wildcard-position');
    expect(v.errors.connectedRegistry.g).toContain('action.gateway-name');
  });

  it('accepts * and requires at least one action', () => {
    expect(
      validateRows({
        repositories: [{ key: 'a', repository: '*', permissions: ['content/read'] }],
        gateways: [],
        other: [],
      }).valid,
    ).toBe(true);
    const empty = validateRows({ repositories: [], gateways: [], other: [] });
    expect(empty.valid).toBe(false);
    expect(empty.errors.form.join(' ')).toContain('at least one');
  });
});

describe('diff in words', () => {
  it('describes added and removed permissions per target', () => {
    const diff = diffActions(
      ['repositories/factory/line-agent/content/read', 'repositories/old/content/delete'],
      [
        'repositories/factory/line-agent/content/read',
        'repositories/factory/line-agent/content/write',
        'gateway/edge01/config/read',
      ],
    );
    expect(describeDiff(diff)).toEqual([
      'adds push to factory/line-agent',
      'adds config read to connected registry edge01',
      'removes delete from old',
    ]);
    expect(addsWriteOrDelete(diff)).toBe(true);
  });

  it('joins several verbs and compares case-insensitively', () => {
    const diff = diffActions(
      ['Repositories/A/content/read'],
      [
        'repositories/a/content/read',
        'repositories/b/content/read',
        'repositories/b/content/write',
      ],
    );
    expect(describeDiff(diff)).toEqual(['adds pull and push to b']);
    expect(describeDiff(diffActions(['x'], ['x']))).toEqual([]);
  });
});

describe('blastRadius', () => {
  const token = (name: string, clientOf: string[], kind?: TokenView['kind']): TokenView => ({
    id: name,
    name,
    status: 'enabled',
    scopeMapName: 'map',
    passwords: [
      { name: 'password1', present: false },
      { name: 'password2', present: false },
    ],
    kind:
      kind ??
      (clientOf.length
        ? { type: 'client', connectedRegistries: clientOf }
        : { type: 'unattached' }),
    clientOf,
  });
  const cr = (
    name: string,
    mode: ConnectedRegistryView['mode'],
    more: Partial<ConnectedRegistryView> = {},
  ) =>
    ({
      name,
      mode,
      parentName: null,
      syncTokenName: null,
      clientTokenNames: [],
      ...more,
    }) as unknown as ConnectedRegistryView;
  // t1 is a client token of both; sync is edgerw's sync token.
  const crs = [
    cr('edgero', 'ReadOnly', { clientTokenNames: ['t1'] }),
    cr('edgerw', 'ReadWrite', { clientTokenNames: ['t1'], syncTokenName: 'sync' }),
  ];

  it('lists tokens, the connected registries accepting them, and ineffective writes', () => {
    const diff = diffActions([], ['repositories/a/content/write']);
    const r = blastRadius(
      [
        token('t1', ['edgero', 'edgerw']),
        token('t2', []),
        token('sync', [], { type: 'sync', connectedRegistry: 'edgerw' }),
      ],
      crs,
      diff,
    );
    expect(r.connectedRegistries).toEqual(['edgero', 'edgerw']);
    expect(r.tokens[0]).toMatchObject({
      name: 't1',
      connectedRegistries: [
        { name: 'edgero', mode: 'ReadOnly' },
        { name: 'edgerw', mode: 'ReadWrite' },
      ],
      ineffectiveOn: ['edgero'],
    });
    expect(r.tokens[1]?.connectedRegistries).toEqual([]);
    expect(r.tokens[2]?.connectedRegistries).toEqual([{ name: 'edgerw', mode: 'ReadWrite' }]);
  });

  it("reaches a child's sync token's parent, which accepts it, and warns on a ReadOnly one", () => {
    // "A sync token accesses the endpoint of the parent registry": a sync map
    // change reaches the child it syncs and the parent that accepts its token.
    const hierarchy = [
      cr('siteA', 'ReadOnly', { syncTokenName: 'siteA-sync' }),
      cr('edgeA', 'ReadOnly', { parentName: 'siteA', syncTokenName: 'edgeA-sync' }),
    ];
    const diff = diffActions([], ['repositories/a/content/write']);
    const r = blastRadius(
      [token('edgeA-sync', [], { type: 'sync', connectedRegistry: 'edgeA' })],
      hierarchy,
      diff,
    );
    expect(r.connectedRegistries).toEqual(['edgeA', 'siteA']);
    expect(r.tokens[0]?.ineffectiveOn).toEqual(['siteA']);
  });

  it('does not warn when only reads are added', () => {
    const diff = diffActions([], ['repositories/a/content/read']);
    const r = blastRadius([token('t1', ['edgero'])], crs, diff);
    expect(r.tokens[0]?.ineffectiveOn).toEqual([]);
  });
});

describe('rebaseActions (re-apply my draft on their version)', () => {
  const loaded = [
    'repositories/app/content/read',
    'repositories/app/content/write',
    'repositories/old/content/read',
  ];
  it('applies my additions and removals to their version and keeps their changes', () => {
    // I removed old/read and added new/read; they removed app/write and added hotfix/read.
    const mine = [
      'repositories/app/content/read',
      'repositories/app/content/write',
      'repositories/new/content/read',
    ];
    const theirs = [
      'repositories/app/content/read',
      'repositories/old/content/read',
      'repositories/hotfix/content/read',
    ];
    expect(rebaseActions(loaded, mine, theirs)).toEqual([
      'repositories/app/content/read',
      'repositories/hotfix/content/read',
      'repositories/new/content/read',
    ]);
  });
  it('adds nothing twice when both added the same action, ignoring case', () => {
    const mine = [...loaded, 'repositories/x/content/read'];
    const theirs = [...loaded, 'repositories/X/content/read'];
    expect(rebaseActions(loaded, mine, theirs)).toEqual(theirs);
  });
  it('with no change of mine, is their version exactly', () => {
    const theirs = ['repositories/other/content/read'];
    expect(rebaseActions(loaded, loaded, theirs)).toEqual(theirs);
  });
});
