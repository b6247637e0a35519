import type { RegistryOverview, TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import {
  connectedRegistry,
  registrySummary,
  scopeMap,
  token as baseToken,
} from '../../../lib/test-fixtures';
import { tokenPlaces } from './token-places';

const map = scopeMap;
const token = (name: string, scopeMapName: string, status: TokenView['status'] = 'enabled') =>
  baseToken(name, scopeMapName, { status });

// north (ReadWrite, syncs app/agent) has a child edge01 (ReadOnly) and a client app01.
const overview = (northSyncStatus: TokenView['status'] = 'enabled'): RegistryOverview => ({
  registry: registrySummary,
  connectedRegistries: [
    connectedRegistry('north', {
      mode: 'ReadWrite',
      syncTokenName: 'north-sync',
      clientTokenNames: ['app01'],
    }),
    connectedRegistry('edge01', { parentName: 'north', syncTokenName: 'edge01-sync' }),
  ],
  tokens: [
    token('north-sync', 'north-map', northSyncStatus),
    token('edge01-sync', 'edge01-map'),
    token('app01', 'edge01-map'),
  ],
  scopeMaps: [
    map('north-map', ['repositories/app/agent/content/read', 'gateway/edge01/config/read']),
    map('edge01-map', [
      'repositories/app/agent/content/read',
      'repositories/app/vision/content/read',
      'gateway/edge01/message/write',
    ]),
  ],
  fetchedAt: '2026-06-01T00:00:00Z',
});

const summary = (o: RegistryOverview, name: string) =>
  tokenPlaces(o, name).places.map((p) => ({
    place: p.connectedRegistry?.name ?? '(cloud)',
    as: p.acceptedAs.map((a) => (a.type === 'child-sync-token' ? `child:${a.child}` : a.type)),
    works: [
      ...p.access.flatMap((a) => a.granted.map((g) => `${a.repository} ${g.permission}`)),
      ...p.gateways.flatMap((a) => a.granted.map((g) => `gateway ${a.gateway} ${g.permission}`)),
    ],
    off: p.access.flatMap((a) => a.removed.map((g) => `${a.repository} ${g.reason}`)),
  }));

describe('tokenPlaces', () => {
  it("puts a child's sync token at its parent, with what works there and why the rest does not", () => {
    const t = tokenPlaces(overview(), 'edge01-sync');
    expect(t.syncTokenOf?.name).toBe('edge01');
    expect(summary(overview(), 'edge01-sync')).toEqual([
      {
        place: '(cloud)',
        as: ['registry-token'],
        works: [
          'app/agent content/read',
          'app/vision content/read',
          'gateway edge01 message/write',
        ],
        off: [],
      },
      {
        place: 'north',
        as: ['child:edge01'],
        works: ['app/agent content/read', 'gateway edge01 message/write'],
        off: ['app/vision not-synced'],
      },
    ]);
  });

  it('lists a client token where it is a client, not at the children of that place', () => {
    expect(summary(overview(), 'app01').map((p) => [p.place, p.as])).toEqual([
      ['(cloud)', ['registry-token']],
      ['north', ['client']],
    ]);
  });

  it('marks a place disabled by its sync token and leaves nothing effective there', () => {
    const places = tokenPlaces(overview('disabled'), 'edge01-sync').places;
    expect(places[1]?.disabledBySyncToken).toBe('north-sync');
    expect(summary(overview('disabled'), 'edge01-sync')[1]).toMatchObject({
      works: [],
      off: ['app/agent registry-disabled', 'app/vision registry-disabled'],
    });
  });

  it('answers nothing for a token that does not exist', () => {
    expect(tokenPlaces(overview(), 'ghost01').places).toEqual([]);
  });
});
