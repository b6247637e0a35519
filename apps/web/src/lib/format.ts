// 'always', not 'auto': "1 month ago" reads as a distance; "last month" reads like a
// calendar month, which is wrong for an expiry 35 days ago.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 5 days": coarse on purpose, the exact time goes in a title. */
export function formatRelative(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return Math.abs(diff) < 45_000
    ? 'just now'
    : relative.format(Math.round(diff / 60_000), 'minute');
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : exact.format(t);
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateOnly.format(t);
}

const count = new Intl.NumberFormat(undefined);

/** A count with the locale's thousands separators: "5,000". */
export function formatCount(n: number): string {
  return count.format(n);
}

/** "1 action", "5,000 tokens": the count with separators and the noun agreeing with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A compact local date (2026-03-09) for dense grid cells; unambiguous in every locale. */
export function formatShortDate(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const durationParts: Array<[RegExp, string]> = [
  [/(\d+(?:\.\d+)?)Y/, 'year'],
  [/(\d+(?:\.\d+)?)M/, 'month'],
  [/(\d+(?:\.\d+)?)W/, 'week'],
  [/(\d+(?:\.\d+)?)D/, 'day'],
];
const timeParts: Array<[RegExp, string]> = [
  [/(\d+(?:\.\d+)?)H/, 'hour'],
  [/(\d+(?:\.\d+)?)M/, 'minute'],
  [/(\d+(?:\.\d+)?)S/, 'second'],
];

/**
 * An ISO 8601 duration as Azure returns it (`P2D`, `PT1H30M`, `P1DT12H`) in
 * words: "2 days", "1 hour 30 minutes". Anything else is returned unchanged,
 * so a shape we do not know is still shown, never hidden.
 */
export function formatIsoDuration(value: string | undefined): string {
  if (!value) return '—';
  const m = /^P(?!$)([^T]*)(?:T(?!$)(.*))?$/.exec(value.trim().toUpperCase());
  if (!m) return value;
  const [, datePart = '', timePart = ''] = m;
  const words: string[] = [];
  const take = (part: string, units: Array<[RegExp, string]>) => {
    let rest = part;
    for (const [re, unit] of units) {
      const hit = re.exec(rest);
      if (!hit) continue;
      const n = Number(hit[1]);
      if (n !== 0) words.push(`${n} ${n === 1 ? unit : `${unit}s`}`);
      rest = rest.replace(hit[0], '');
    }
    return rest === '';
  };
  if (!take(datePart, durationParts) || !take(timePart, timeParts)) return value;
  return words.length > 0 ? words.join(' ') : '0 seconds';
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const isNum = (f: string) => /^\d+$/.test(f);
const hhmm = (h: string, m: string) => `${h.padStart(2, '0')}:${m.padStart(2, '0')}`;

/**
 * The common shapes of a five-field cron schedule in words ("every minute",
 * "every 15 minutes", "every day at 02:00", "every Monday at 06:30"); an
 * uncommon one comes back as undefined and the caller shows it raw. Times are
 * UTC, as the connected registry reads them.
 */
export function describeCron(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const f = value.trim().split(/\s+/);
  if (f.length !== 5) return undefined;
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  if (mon !== '*') return undefined;
  const step = (field: string) => /^\*\/(\d+)$/.exec(field)?.[1];
  if (dom === '*' && dow === '*') {
    if (min === '*' && hour === '*') return 'every minute';
    const ms = step(min);
    if (ms && hour === '*') return `every ${plural(Number(ms), 'minute')}`;
    if (isNum(min) && hour === '*')
      return Number(min) === 0 ? 'every hour' : `every hour at minute ${Number(min)}`;
    const hs = step(hour);
    if (isNum(min) && hs) return `every ${plural(Number(hs), 'hour')} at minute ${Number(min)}`;
    if (isNum(min) && isNum(hour)) return `every day at ${hhmm(hour, min)} UTC`;
    return undefined;
  }
  if (!isNum(min) || !isNum(hour)) return undefined;
  if (dom === '*' && isNum(dow) && Number(dow) <= 7)
    return `every ${weekdays[Number(dow) % 7]} at ${hhmm(hour, min)} UTC`;
  if (dow === '*' && isNum(dom))
    return `on day ${Number(dom)} of every month at ${hhmm(hour, min)} UTC`;
  return undefined;
}
