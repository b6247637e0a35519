/**
 * Password expiry as the person chooses it. "Never" is a separate, explicit
 * choice (a password that never expires is a finding), so the default is a date.
 */
export const defaultExpiryDays = 90;

export type ExpiryChoice =
  { kind: 'days'; days: number } | { kind: 'date'; date: string } | { kind: 'never' };

export const defaultExpiryChoice: ExpiryChoice = { kind: 'days', days: defaultExpiryDays };

const DAY = 24 * 3600_000;

/** Preset lengths offered beside a custom date. */
export const expiryPresets = [30, defaultExpiryDays, 180, 365] as const;

/**
 * The `expiry` field of a request: an ISO date-time, or 'never'. A custom date
 * means "until the end of that day" in the person's time zone, so a password
 * set to expire "on the 3rd" still works on the 3rd.
 */
export function expiryValue(
  choice: ExpiryChoice,
  now: number,
): { ok: true; value: string } | { ok: false; error: string } {
  switch (choice.kind) {
    case 'never':
      return { ok: true, value: 'never' };
    case 'days':
      return { ok: true, value: new Date(now + choice.days * DAY).toISOString() };
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(choice.date)) return { ok: false, error: 'Choose a date.' };
      const end = new Date(`${choice.date}T23:59:59`);
      if (Number.isNaN(end.getTime())) return { ok: false, error: 'Choose a valid date.' };
      if (end.getTime() <= now) return { ok: false, error: 'The date must be in the future.' };
      return { ok: true, value: end.toISOString() };
    }
  }
}

/** Words for a confirmation or a summary: "in 90 days (on 25 Feb 2027)". */
export function describeExpiry(choice: ExpiryChoice): string {
  switch (choice.kind) {
    case 'never':
      return 'never expires';
    case 'days':
      return `expires in ${choice.days} days`;
    case 'date':
      return choice.date ? `expires at the end of ${choice.date}` : 'expires on a date to choose';
  }
}

/** Today as yyyy-mm-dd in local time, for the date input's `min`. */
export function localDateInput(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
