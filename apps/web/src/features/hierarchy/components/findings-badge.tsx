import { Badge, type BadgeProps } from '../../../components/badge';
import { Warning16Regular } from '@fluentui/react-icons';
import type { Severity } from '@latchkey/domain';
import type { NodeFindings } from '../utils/node-findings';
import { plural } from '../../../lib/format';

const colour: Record<Severity, BadgeProps['color']> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'informative',
  info: 'informative',
};

/** "3 findings (high)" on a node; nothing when it has none (clean nodes stay quiet). */
export function FindingsBadge({ value }: { value: NodeFindings | undefined }) {
  if (!value?.highest) return null;
  const n = value.findings.length;
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={colour[value.highest]}
      icon={<Warning16Regular aria-hidden />}
    >
      {plural(n, 'finding')} ({value.highest})
    </Badge>
  );
}
