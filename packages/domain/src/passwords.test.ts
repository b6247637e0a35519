import { describe, expect, it } from 'vitest';
import { normalizeSlots, passwordState, proposedSlot } from './passwords';

const now = Date.parse('2026-06-01T00:00:00Z');
const inDays = (d: number) => new Date(now + d * 24 * 3600_000).toISOString();

describe('passwordState', () => {
  it.each([
    [{ present: false }, 'missing'],
    [{ present: true }, 'no-expiry'],
    [{ present: true, expiry: inDays(-1) }, 'expired'],
    [{ present: true, expiry: new Date(now).toISOString() }, 'expired'],
    [{ present: true, expiry: inDays(3) }, 'expiring-7'],
    [{ present: true, expiry: inDays(7) }, 'expiring-7'],
    [{ present: true, expiry: inDays(20) }, 'expiring-30'],
    [{ present: true, expiry: inDays(31) }, 'valid'],
  ] as const)('%o is %s', (slot, state) => {
    expect(passwordState({ name: 'password1', ...slot }, now)).toBe(state);
  });
});

describe('normalizeSlots', () => {
  it('fills absent slots, keeps order, and treats the year-9999 expiry as none', () => {
    const slots = normalizeSlots([
      { name: 'password2', creationTime: new Date(now), expiry: '9999-12-31T23:59:59.999Z' },
    ]);
    expect(slots).toEqual([
      { name: 'password1', present: false },
      { name: 'password2', present: true, creationTime: new Date(now).toISOString() },
    ]);
  });
});

describe('proposedSlot', () => {
  it('proposes an empty slot first', () => {
    expect(proposedSlot(normalizeSlots([{ name: 'password1', creationTime: inDays(-5) }]))).toBe(
      'password2',
    );
  });
  it('otherwise proposes the older password, so clients on the newer keep working', () => {
    const slots = normalizeSlots([
      { name: 'password1', creationTime: inDays(-5) },
      { name: 'password2', creationTime: inDays(-50) },
    ]);
    expect(proposedSlot(slots)).toBe('password2');
  });
});
