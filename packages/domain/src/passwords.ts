export const passwordSlots = ['password1', 'password2'] as const;
export type PasswordSlotName = (typeof passwordSlots)[number];

export interface PasswordSlot {
  name: PasswordSlotName;
  /** False when the slot has never been generated or was revoked. */
  present: boolean;
  creationTime?: string;
  /** Absent on a present slot means the password never expires. */
  expiry?: string;
}

export type PasswordState =
  'missing' | 'expired' | 'expiring-7' | 'expiring-30' | 'no-expiry' | 'valid';

const DAY = 24 * 3600_000;

/** The badge of one password slot at `now`. */
export function passwordState(slot: PasswordSlot, now: number): PasswordState {
  if (!slot.present) return 'missing';
  if (!slot.expiry) return 'no-expiry';
  const left = Date.parse(slot.expiry) - now;
  if (left <= 0) return 'expired';
  if (left <= 7 * DAY) return 'expiring-7';
  if (left <= 30 * DAY) return 'expiring-30';
  return 'valid';
}

/** Both slots, in order, filling the ones Azure did not return as missing. */
export function normalizeSlots(
  passwords: ReadonlyArray<{ name?: string; creationTime?: string | Date; expiry?: string | Date }>,
): [PasswordSlot, PasswordSlot] {
  const iso = (d: string | Date | undefined) =>
    d === undefined ? undefined : typeof d === 'string' ? d : d.toISOString();
  const slot = (name: PasswordSlotName): PasswordSlot => {
    const p = passwords.find((x) => x.name?.toLowerCase() === name);
    if (!p) return { name, present: false };
    const out: PasswordSlot = { name, present: true };
    const created = iso(p.creationTime);
    const expiry = iso(p.expiry);
    if (created) out.creationTime = created;
    // Azure's "never" is a far-future date; show it as no expiry.
    if (expiry && !expiry.startsWith('9999-')) out.expiry = expiry;
    return out;
  };
  return [slot('password1'), slot('password2')];
}

/**
 * The slot to (re)generate so clients keep working: an empty slot first,
 * otherwise the one created earlier (clients should already use the newer).
 */
export function proposedSlot(slots: readonly PasswordSlot[]): PasswordSlotName {
  const empty = slots.find((s) => !s.present);
  if (empty) return empty.name;
  const [a, b] = slots;
  if (!a || !b) return 'password1';
  const ta = a.creationTime ? Date.parse(a.creationTime) : 0;
  const tb = b.creationTime ? Date.parse(b.creationTime) : 0;
  return ta <= tb ? a.name : b.name;
}
