import { Badge } from '../../../components/badge';
import { ErrorCircle12Filled, Key16Regular, Warning12Filled } from '@fluentui/react-icons';
import type { TokenView } from '@latchkey/domain';
import { passwordStateLabels } from '../../../components/status-badges';
import { worstPasswordState } from '../utils/sync-token-state';

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
