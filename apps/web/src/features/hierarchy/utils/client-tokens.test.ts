import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import {
  attachableTokens,
  attachLimitReason,
  ineffectiveWriteActions,
  maxClientTokens,
} from './client-tokens';
import { token as baseToken } from '../../../lib/test-fixtures';

const token = (name: string, kind: TokenView['kind'], scopeMapName: string | null = null) =>
  baseToken(name, scopeMapName, {
    passwords: [
      { name: 'password1', present: false },
      { name: 'password2', present: false },
    ],
    kind,
    clientOf: kind.type === 'client' ? kind.connectedRegistries : [],
  });

const cr = (mode: ConnectedRegistryView['mode'], clientTokenNames: string[]) => ({
  name: 'edge',
  mode,
  clientTokenNames,
});

describe('attachLimitReason', () => {
  it('allows up to 19 attached and refuses at 20, naming the count and the limit', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    expect(attachLimitReason(cr('ReadOnly', names(maxClientTokens - 1)))).toBeUndefined();
    expect(attachLimitReason(cr('ReadOnly', names(maxClientTokens)))).toMatch(
      /already has 20 of 20 client tokens/,
    );
  });
});

describe('attachableTokens', () => {
  it('leaves out sync tokens and tokens already attached (case-insensitively), sorted', () => {
    const tokens = [
      token('zeta', { type: 'unattached' }),
      token('edge-sync', { type: 'sync', connectedRegistry: 'edge' }),
      token('Camera', { type: 'client', connectedRegistries: ['edge'] }),
      token('alpha', { type: 'client', connectedRegistries: ['other'] }),
    ];
    expect(attachableTokens(cr('ReadOnly', ['camera']), tokens).map((t) => t.name)).toEqual([
      'alpha',
      'zeta',
    ]);
  });
});

describe('ineffectiveWriteActions', () => {
  const maps = [
    {
      name: 'release-write',
      actions: [
        'repositories/release/*/content/read',
        'repositories/release/*/content/write',
        'repositories/release/*/content/delete',
        'repositories/release/*/metadata/write',
        'gateway/edge/config/write',
      ],
    },
    {
      name: 'pull-only',
      actions: ['repositories/app/content/read', 'repositories/app/metadata/read'],
    },
  ];

  it('lists write, delete and metadata/write (not gateway writes) on a ReadOnly registry', () => {
    expect(
      ineffectiveWriteActions(cr('ReadOnly', []), { scopeMapName: 'Release-Write' }, maps),
    ).toEqual([
      'repositories/release/*/content/write',
      'repositories/release/*/content/delete',
      'repositories/release/*/metadata/write',
    ]);
  });

  it('says nothing on a ReadWrite registry, for a read-only map, or without a map', () => {
    expect(
      ineffectiveWriteActions(cr('ReadWrite', []), { scopeMapName: 'release-write' }, maps),
    ).toEqual([]);
    expect(
      ineffectiveWriteActions(cr('ReadOnly', []), { scopeMapName: 'pull-only' }, maps),
    ).toEqual([]);
    expect(ineffectiveWriteActions(cr('ReadOnly', []), { scopeMapName: null }, maps)).toEqual([]);
    expect(ineffectiveWriteActions(cr('ReadOnly', []), { scopeMapName: 'gone' }, maps)).toEqual([]);
  });
});
