import { Badge } from '@fluentui/react-components';
import { ErrorCircle12Filled, Key16Regular, Warning12Filled } from '@fluentui/react-icons';
import { passwordState, type PasswordState, type TokenView } from '@latchkey/domain';
import { passwordStateLabels } from '../../../components/status-badges';

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

/** A connected registry's sync token in one badge: missing, disabled, password trouble, or fine. */
export function SyncTokenBadge({
  token,
  name,
  now,
}: {
  token: TokenView | undefined;
  name: string | null;
  now: number;
}) {
  if (!name) {
    return (
      <Badge appearance="tint" color="danger" shape="rounded" icon={<ErrorCircle12Filled />}>
        No sync token
      </Badge>
    );
  }
  if (!token) {
    return (
      <Badge
        appearance="tint"
        color="warning"
        shape="rounded"
        icon={<Warning12Filled />}
        title={name}
      >
        Sync token not found
      </Badge>
    );
  }
  if (token.status === 'disabled') {
    return (
      <Badge
        appearance="tint"
        color="danger"
        shape="rounded"
        icon={<ErrorCircle12Filled />}
        title={token.name}
      >
        Sync token disabled
      </Badge>
    );
  }
  const worst = worstPasswordState(token, now);
  if (worst === 'valid') {
    return (
      <Badge
        appearance="tint"
        color="success"
        shape="rounded"
        icon={<Key16Regular />}
        title={token.name}
      >
        Sync token OK
      </Badge>
    );
  }
  const color =
    worst === 'expired' || worst === 'missing'
      ? 'danger'
      : worst === 'expiring-7'
        ? 'severe'
        : 'warning';
  return (
    <Badge
      appearance="tint"
      color={color}
      shape="rounded"
      icon={<Warning12Filled />}
      title={token.name}
    >
      Sync token: {passwordStateLabels[worst].toLowerCase()}
    </Badge>
  );
}
