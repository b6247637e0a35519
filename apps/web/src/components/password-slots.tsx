import { makeStyles, tokens } from '@fluentui/react-components';
import { passwordState, type PasswordSlot, type PasswordState } from '@latchkey/domain';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatRelative } from '../lib/format';
import { RelativeTime } from './relative-time';
import { PasswordStateBadge } from './status-badges';

const useStyles = makeStyles({
  cell: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  meta: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  slotName: { fontWeight: tokens.fontWeightSemibold, minWidth: '6rem' },
});

/** "created 3 Mar 2026, expired 5 Apr 2026" (or "expires", or "never expires"): a slot's dates in a sentence. */
export function describeSlotDates(slot: PasswordSlot, now: number): string {
  const expiry = slot.expiry
    ? `${Date.parse(slot.expiry) <= now ? 'expired' : 'expires'} ${formatDate(slot.expiry)}`
    : 'never expires';
  return `created ${formatDate(slot.creationTime)}, ${expiry}`;
}

export const slotLabel = (name: PasswordSlot['name']) =>
  name === 'password1' ? 'Password 1' : 'Password 2';

/** "expires in 12 days", "expired 3 days ago", "never expires". */
export function expiryPhrase(slot: PasswordSlot, now: number): string {
  if (!slot.expiry) return 'never expires';
  const relative = formatRelative(slot.expiry, now);
  return Date.parse(slot.expiry) <= now ? `expired ${relative}` : `expires ${relative}`;
}

/** One slot in a grid cell: badge, then when it expires (exact dates on hover). */
export function PasswordSlotCell({
  slot,
  state,
  now,
}: {
  slot: PasswordSlot;
  state: PasswordState;
  now: number;
}) {
  const styles = useStyles();
  return (
    <div className={styles.cell}>
      <span>
        <PasswordStateBadge state={state} />
      </span>
      {slot.present ? (
        <span
          className={styles.meta}
          title={`Created ${formatDateTime(slot.creationTime)}; ${slot.expiry ? `expires ${formatDateTime(slot.expiry)}` : 'never expires'}`}
        >
          {expiryPhrase(slot, now)}
        </span>
      ) : null}
    </div>
  );
}

/** Both slots of a token, with relative creation and expiry. */
export function PasswordSlotsList({
  slots,
  now,
  actions,
}: {
  slots: readonly PasswordSlot[];
  now: number;
  /** Controls for one slot (e.g. revoke), placed after its dates. */
  actions?: (slot: PasswordSlot) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {slots.map((slot) => (
        <li key={slot.name} className={styles.item}>
          <span className={styles.slotName}>{slotLabel(slot.name)}</span>
          <PasswordStateBadge state={passwordState(slot, now)} />
          {slot.present ? (
            <span className={styles.meta}>
              created <RelativeTime iso={slot.creationTime} now={now} />
              {slot.expiry ? (
                <>
                  , {Date.parse(slot.expiry) <= now ? 'expired' : 'expires'}{' '}
                  <RelativeTime iso={slot.expiry} now={now} />
                </>
              ) : (
                ', never expires'
              )}
            </span>
          ) : null}
          {actions ? actions(slot) : null}
        </li>
      ))}
    </ul>
  );
}
