import { describe, expect, it } from 'vitest';
import { defaultExpiryChoice, expiryValue, localDateInput } from './expiry';

const now = Date.parse('2026-11-27T12:00:00Z');

describe('expiryValue', () => {
  it('defaults to 90 days from now', () => {
    expect(expiryValue(defaultExpiryChoice, now)).toEqual({
      ok: true,
      value: '2027-02-25T12:00:00.000Z',
    });
  });

  it('sends "never" only for the explicit choice', () => {
    expect(expiryValue({ kind: 'never' }, now)).toEqual({ ok: true, value: 'never' });
  });

  it('takes a custom date as the end of that local day', () => {
    const r = expiryValue({ kind: 'date', date: '2027-01-15' }, now);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBe(new Date('2027-01-15T23:59:59').toISOString());
  });

  it('refuses a missing, malformed or past date', () => {
    expect(expiryValue({ kind: 'date', date: '' }, now).ok).toBe(false);
    expect(expiryValue({ kind: 'date', date: '15/01/2027' }, now).ok).toBe(false);
    expect(expiryValue({ kind: 'date', date: '2020-01-01' }, now)).toEqual({
      ok: false,
      error: 'The date must be in the future.',
    });
  });

  it('formats today for a date input', () => {
    expect(localDateInput(now)).toMatch(/^2026-11-2[78]$/);
  });
});
