import { describe, expect, it } from 'vitest';
import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { blastRadius, decide, planBulk } from './plan';

const now = Date.parse('2026-06-01T00:00:00Z');
const day = 24 * 3600_000;
const at = (days: number) => new Date(now + days * day).toISOString();
const token = (name: string, over: Partial<TokenView> = {}): TokenView => ({
  id: name,
  name,
  status: 'enabled',
  scopeMapName: 'map',
  passwords: [
    { name: 'password1', present: true, creationTime: at(-10), expiry: at(80) },
    { name: 'password2', present: false },
  ],
  kind: { type: 'unattached' },
  clientOf: [],
  ...over,
});
const cr = (name: string, parentName: string | null): ConnectedRegistryView => ({
  id: name,
  name,
  mode: 'ReadOnly',
  parentName,
  connectionState: 'Online',
  activation: 'Active',
  syncTokenName: `${name}-sync`,
  clientTokenNames: [],
  statusDetails: [],
});

describe('what a bulk action does to one token', () => {
  it('skips a token already in the wanted state', () => {
    expect(decide('disable', token('a', { status: 'disabled' }), now)).toEqual({
      skip: 'already disabled',
    });
    expect(decide('enable', token('a'), now)).toEqual({ skip: 'already enabled' });
  });

  it('revokes only the expired slots', () => {
    const t = token('a', {
      passwords: [
        { name: 'password1', present: true, expiry: at(-1) },
        { name: 'password2', present: true, expiry: at(5) },
      ],
    });
    expect(decide('revoke-expired-passwords', t, now)).toMatchObject({ slots: ['password1'] });
    expect(decide('revoke-expired-passwords', token('b'), now)).toEqual({
      skip: 'no expired password',
    });
  });

  it('deletes only unattached tokens nobody can use (disabled, or no valid password)', () => {
    expect(decide('delete-unused', token('a'), now)).toMatchObject({
      skip: 'in use: enabled with a valid password',
    });
    expect(decide('delete-unused', token('a', { status: 'disabled' }), now)).toMatchObject({
      change: 'Delete',
    });
    const expired = token('b', {
      passwords: [
        { name: 'password1', present: true, expiry: at(-3) },
        { name: 'password2', present: false },
      ],
    });
    expect(decide('delete-unused', expired, now)).toMatchObject({ change: 'Delete' });
    const client = token('c', {
      status: 'disabled',
      kind: { type: 'client', connectedRegistries: ['edge'] },
    });
    expect(decide('delete-unused', client, now)).toEqual({
      skip: 'attached to a connected registry',
    });
  });

  it('generates passwords for client tokens only, in the slot that keeps clients working', () => {
    expect(decide('generate-passwords', token('a'), now)).toEqual({ skip: 'not a client token' });
    const client = token('c', { kind: { type: 'client', connectedRegistries: ['edge'] } });
    expect(decide('generate-passwords', client, now)).toMatchObject({ slots: ['password2'] });
  });
});

describe('the preview of a bulk action', () => {
  const crs = [cr('site', null), cr('edge', 'site'), cr('leaf', 'edge')];
  const tokens = [
    token('site-sync', { kind: { type: 'sync', connectedRegistry: 'site' } }),
    token('one'),
    token('two', { status: 'disabled' }),
  ];

  it('leaves a sync token out unless picked one by one, with its blast radius', () => {
    const plan = planBulk(
      { action: 'disable', selection: 'all-matching', names: ['site-sync', 'one', 'two', 'gone'] },
      { tokens, connectedRegistries: crs },
      now,
    );
    expect(plan.items.map((i) => [i.name, i.outcome])).toEqual([
      ['site-sync', 'skipped'],
      ['one', 'pending'],
      ['two', 'skipped'],
    ]);
    expect(plan.counts).toEqual({ total: 3, willChange: 1, skipped: 2, syncExcluded: 1 });
    expect(plan.confirmation).toBe('disable 1 token');
    expect(plan.notes.join(' ')).toContain('1 sync token is left out');
    expect(plan.notes.join(' ')).toContain('gone');
    expect(plan.items[0]!.blastRadius).toBe(blastRadius(crs, 'site'));

    const picked = planBulk(
      {
        action: 'disable',
        selection: 'picked',
        names: ['site-sync'],
        includeSyncTokens: ['site-sync'],
      },
      { tokens, connectedRegistries: crs },
      now,
    );
    expect(picked.items[0]).toMatchObject({ outcome: 'pending', syncOf: 'site' });
  });

  it('names every registry below a sync token in its blast radius', () => {
    expect(blastRadius(crs, 'site')).toBe(
      'Connected registry site stops syncing, and with it 2 registries below it: edge, leaf.',
    );
    expect(blastRadius(crs, 'leaf')).toBe('Connected registry leaf stops syncing.');
  });
});
