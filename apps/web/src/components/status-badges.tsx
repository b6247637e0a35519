import { makeStyles } from '@fluentui/react-components';
import { Badge, type BadgeProps } from './badge';
import {
  ArrowSyncCircle16Regular,
  CheckmarkCircle12Filled,
  Circle12Regular,
  Clock12Regular,
  CloudOff16Regular,
  Dismiss12Regular,
  ErrorCircle12Filled,
  LockClosed12Regular,
  PresenceBlocked12Regular,
  QuestionCircle12Regular,
  Warning12Filled,
} from '@fluentui/react-icons';
import type { ConnectedRegistryView, PasswordState, TokenView } from '@latchkey/domain';
import type { ReactElement } from 'react';

const useStyles = makeStyles({
  // A badge that wraps inside a narrow grid cell becomes unreadable; it stays on one line.
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
});

/**
 * Every state badge pairs an icon with words, never colour alone, so it reads
 * the same in both themes, in high contrast and to a screen reader.
 */
interface BadgeSpec {
  label: string;
  color: NonNullable<BadgeProps['color']>;
  icon: ReactElement;
}

function StateBadge({ spec, title }: { spec: BadgeSpec; title?: string | undefined }) {
  return (
    <Badge
      appearance="tint"
      color={spec.color}
      icon={spec.icon}
      title={title}
      shape="rounded"
      className={useStyles().badge}
    >
      {spec.label}
    </Badge>
  );
}

const connection: Record<ConnectedRegistryView['connectionState'], BadgeSpec> = {
  Online: { label: 'Online', color: 'success', icon: <CheckmarkCircle12Filled /> },
  Syncing: { label: 'Syncing', color: 'brand', icon: <ArrowSyncCircle16Regular /> },
  Offline: { label: 'Offline', color: 'severe', icon: <CloudOff16Regular /> },
  Unhealthy: { label: 'Unhealthy', color: 'danger', icon: <ErrorCircle12Filled /> },
  Unknown: { label: 'Unknown', color: 'subtle', icon: <QuestionCircle12Regular /> },
};

export function ConnectionStateBadge({
  state,
  title,
}: {
  state: ConnectedRegistryView['connectionState'];
  title?: string | undefined;
}) {
  return <StateBadge spec={connection[state]} title={title} />;
}

export function ModeBadge({ mode }: { mode: ConnectedRegistryView['mode'] }) {
  return (
    <Badge appearance="outline" color="informative" shape="rounded">
      {mode}
    </Badge>
  );
}

const activation: Record<ConnectedRegistryView['activation'], BadgeSpec> = {
  Active: { label: 'Active', color: 'success', icon: <CheckmarkCircle12Filled /> },
  Inactive: { label: 'Inactive', color: 'warning', icon: <Circle12Regular /> },
  Unknown: { label: 'Activation unknown', color: 'subtle', icon: <QuestionCircle12Regular /> },
};

export function ActivationBadge({ state }: { state: ConnectedRegistryView['activation'] }) {
  return <StateBadge spec={activation[state]} />;
}

export function TokenStatusBadge({ status }: { status: TokenView['status'] }) {
  return (
    <StateBadge
      spec={
        status === 'enabled'
          ? { label: 'Enabled', color: 'success', icon: <CheckmarkCircle12Filled /> }
          : { label: 'Disabled', color: 'danger', icon: <PresenceBlocked12Regular /> }
      }
    />
  );
}

export const passwordStateLabels: Record<PasswordState, string> = {
  missing: 'No password',
  expired: 'Expired',
  'expiring-7': 'Expires within 7 days',
  'expiring-30': 'Expires within 30 days',
  'no-expiry': 'No expiry',
  valid: 'Valid',
};

const passwordSpecs: Record<PasswordState, BadgeSpec> = {
  missing: { label: passwordStateLabels.missing, color: 'subtle', icon: <Dismiss12Regular /> },
  expired: { label: passwordStateLabels.expired, color: 'danger', icon: <ErrorCircle12Filled /> },
  'expiring-7': {
    label: passwordStateLabels['expiring-7'],
    color: 'severe',
    icon: <Warning12Filled />,
  },
  'expiring-30': {
    label: passwordStateLabels['expiring-30'],
    color: 'warning',
    icon: <Clock12Regular />,
  },
  // A password that never expires is a finding: as loud as one about to expire.
  'no-expiry': {
    label: passwordStateLabels['no-expiry'],
    color: 'severe',
    icon: <Warning12Filled />,
  },
  valid: { label: passwordStateLabels.valid, color: 'success', icon: <CheckmarkCircle12Filled /> },
};

export function PasswordStateBadge({
  state,
  title,
}: {
  state: PasswordState;
  title?: string | undefined;
}) {
  return <StateBadge spec={passwordSpecs[state]} title={title} />;
}

export function SystemMapBadge() {
  return (
    <Badge appearance="tint" color="informative" icon={<LockClosed12Regular />} shape="rounded">
      System · read-only
    </Badge>
  );
}
