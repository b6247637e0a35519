import { passwordState, type PasswordState, type TokenView } from '@latchkey/domain';

const rank: Record<PasswordState, number> = {
  expired: 0,
  missing: 1,
  'expiring-7': 2,
  'expiring-30': 3,
  'no-expiry': 4,
  valid: 5,
};

/** The most urgent state among the slots that hold a password ("missing" only if none does). */
export function worstPasswordState(token: TokenView, now: number): PasswordState {
  const present = token.passwords.filter((p) => p.present).map((p) => passwordState(p, now));
  if (present.length === 0) return 'missing';
  return present.reduce((a, b) => (rank[b] < rank[a] ? b : a));
}

/**
 * The connected registry cannot authenticate to its parent with this sync
 * token: none named, not found, disabled, or no password that still works.
 */
export function syncTokenBroken(name: string | null, token: TokenView | undefined, now: number) {
  if (!name || !token || token.status === 'disabled') return true;
  const worst = worstPasswordState(token, now);
  return worst === 'expired' || worst === 'missing';
}
