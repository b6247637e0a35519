import { Tooltip } from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import {
  ArrowSyncCircle16Regular,
  CheckmarkCircle12Filled,
  CloudOff16Regular,
} from '@fluentui/react-icons';
import { propagationLabel, type Propagation } from '@latchkey/domain';
import { formatDateTime } from '../../../lib/format';

const look = {
  synced: { color: 'success', icon: <CheckmarkCircle12Filled /> },
  pending: { color: 'warning', icon: <ArrowSyncCircle16Regular /> },
  offline: { color: 'severe', icon: <CloudOff16Regular /> },
} as const;

export function PropagationBadge({ value }: { value: Propagation }) {
  const label = propagationLabel(value, formatDateTime);
  const explain =
    `Last change to its tokens or synced repositories: ${formatDateTime(value.changedAt)}. ` +
    `Last sync: ${value.lastSyncTime ? formatDateTime(value.lastSyncTime) : 'never'}.`;
  return (
    <Tooltip content={explain} relationship="description">
      <Badge
        appearance="tint"
        shape="rounded"
        color={look[value.state].color}
        icon={look[value.state].icon}
        tabIndex={0}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
