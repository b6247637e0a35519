import { Button, makeStyles } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import { HrefLink } from '../../../components/href-link';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import type { FindingTargetGroup } from '../utils/finding-groups';
import type { FindingLinks } from './finding-rows';
import { SeverityBadge } from './severity-summary';

const useStyles = makeStyles({
  ellipsis: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  table: { maxHeight: 'max(18rem, calc(100vh - 24rem))' },
});

const kindLabels: Record<FindingTargetGroup['kind'], string> = {
  token: 'Token',
  'scope-map': 'Scope map',
  'connected-registry': 'Connected registry',
};

/**
 * One row per token, scope map or connected registry with findings: its worst
 * severity, how many, which ones; Details opens the worst in the side panel,
 * which lists the others.
 */
export function FindingTargetList({
  groups,
  links,
}: {
  groups: readonly FindingTargetGroup[];
  links: FindingLinks;
}) {
  const styles = useStyles();
  const { targetHref, onDetails } = links;
  const columns = useMemo(
    (): VirtualColumn<FindingTargetGroup>[] => [
      {
        id: 'severity',
        header: 'Worst',
        width: '6.5rem',
        cell: (g) => <SeverityBadge severity={g.severity} />,
      },
      {
        id: 'target',
        header: 'Target',
        width: 'minmax(12rem, 1.5fr)',
        cell: (g) => (
          <span className={styles.ellipsis} title={`${kindLabels[g.kind]} ${g.name}`}>
            {kindLabels[g.kind]} <HrefLink href={targetHref(g.findings[0]!)}>{g.name}</HrefLink>
          </span>
        ),
      },
      {
        id: 'count',
        header: 'Findings',
        width: '6rem',
        cell: (g) => g.findings.length.toLocaleString(),
      },
      {
        id: 'types',
        header: 'Which',
        width: 'minmax(12rem, 2fr)',
        cell: (g) => {
          const titles = [...new Set(g.findings.map((f) => f.title))].join(' · ');
          return (
            <span className={styles.ellipsis} title={titles}>
              {titles}
            </span>
          );
        },
      },
      {
        id: 'details',
        header: 'Details',
        width: '5.5rem',
        cell: (g) => (
          <Button
            size="small"
            aria-label={`Details of the findings about ${kindLabels[g.kind].toLowerCase()} ${g.name}`}
            onClick={() => onDetails(g.findings[0]!)}
          >
            Details
          </Button>
        ),
      },
    ],
    [styles, targetHref, onDetails],
  );
  const rowKey = useCallback((g: FindingTargetGroup) => g.key, []);
  return (
    <VirtualTable
      label="Findings by target"
      rows={groups}
      columns={columns}
      rowKey={rowKey}
      rowHeight={44}
      className={styles.table}
    />
  );
}
