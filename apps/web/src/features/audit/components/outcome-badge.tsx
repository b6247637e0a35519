import { Badge, type BadgeColor } from '../../../components/badge';
import type { AuditRowOutcome } from '../utils/audit-rows';

const outcomeBadges: Record<AuditRowOutcome, { label: string; color: BadgeColor }> = {
  succeeded: { label: 'Succeeded', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  unknown: { label: 'Outcome unknown', color: 'warning' },
  pending: { label: 'Pending', color: 'informative' },
  observed: { label: 'Observed in Azure', color: 'important' },
};

/** An audit row's outcome, as the Activity Log shows a status: a coloured word. */
export function OutcomeBadge({ outcome }: { outcome: AuditRowOutcome }) {
  const b = outcomeBadges[outcome];
  return (
    <Badge appearance="tint" shape="rounded" color={b.color}>
      {b.label}
    </Badge>
  );
}
