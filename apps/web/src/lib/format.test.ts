import { describe, expect, it } from 'vitest';
import { describeCron, formatCount, formatIsoDuration, formatRelative, plural } from './format';

const now = Date.parse('2026-06-15T12:00:00Z');
const day = 24 * 3600_000;

describe('formatRelative', () => {
  it('says how long ago, never a calendar word like "last month"', () => {
    const past = new Date(now - 35 * day).toISOString();
    expect(formatRelative(past, now)).toBe('1 month ago');
    expect(formatRelative(new Date(now - day).toISOString(), now)).toBe('1 day ago');
    expect(formatRelative(new Date(now + 12 * day).toISOString(), now)).toBe('in 2 weeks');
    expect(formatRelative(new Date(now - 10_000).toISOString(), now)).toBe('just now');
  });
});

describe('plural and formatCount', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(0, 'change')).toBe('0 changes');
    expect(plural(2, 'registry', 'registries')).toBe('2 registries');
  });
  it('separates thousands', () => {
    expect(formatCount(5000)).toMatch(/^5\D000$/);
    expect(plural(7411, 'finding')).toMatch(/^7\D411 findings$/);
  });
});

describe('formatIsoDuration', () => {
  it.each([
    ['P2D', '2 days'],
    ['P1D', '1 day'],
    ['PT1H', '1 hour'],
    ['PT1H30M', '1 hour 30 minutes'],
    ['P1DT12H', '1 day 12 hours'],
    ['PT45S', '45 seconds'],
    ['P1W', '1 week'],
    ['PT0S', '0 seconds'],
    ['p7d', '7 days'],
  ])('%s is "%s"', (iso, words) => {
    expect(formatIsoDuration(iso)).toBe(words);
  });
  it('returns what it cannot read unchanged, and a dash for nothing', () => {
    expect(formatIsoDuration('2 days')).toBe('2 days');
    expect(formatIsoDuration('P')).toBe('P');
    expect(formatIsoDuration('PT')).toBe('PT');
    expect(formatIsoDuration('P2X')).toBe('P2X');
    expect(formatIsoDuration(undefined)).toBe('—');
  });
});

describe('describeCron', () => {
  it.each([
    ['* * * * *', 'every minute'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['*/1 * * * *', 'every 1 minute'],
    ['0 * * * *', 'every hour'],
    ['30 * * * *', 'every hour at minute 30'],
    ['5 */6 * * *', 'every 6 hours at minute 5'],
    ['0 2 * * *', 'every day at 02:00 UTC'],
    ['30 6 * * 1', 'every Monday at 06:30 UTC'],
    ['0 0 * * 7', 'every Sunday at 00:00 UTC'],
    ['0 3 1 * *', 'on day 1 of every month at 03:00 UTC'],
  ])('%s is "%s"', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });
  it('leaves uncommon or malformed shapes to be shown raw', () => {
    expect(describeCron('0 0 1 1 *')).toBeUndefined();
    expect(describeCron('0-5 * * * *')).toBeUndefined();
    expect(describeCron('* * * *')).toBeUndefined();
    expect(describeCron('0 2 * * 1-5')).toBeUndefined();
    expect(describeCron(undefined)).toBeUndefined();
  });
});
