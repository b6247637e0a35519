import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ChevronDown20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import type { Finding } from '@latchkey/domain';
import { useCallback } from 'react';
import { HrefLink } from '../../../components/href-link';
import { VirtualTable } from '../../../components/virtual-table';
import type { FindingTypeGroup } from '../utils/finding-groups';
import { useFindingColumns, type FindingLinks } from './finding-rows';
import { SeverityBadge } from './severity-summary';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  group: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  toggle: { justifyContent: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold },
  spacer: { flexGrow: 1 },
  body: {
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  table: { maxHeight: '24rem' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const ROW = 44;

/**
 * Findings grouped by type, worst first, each with its count; a group opens
 * to its targets in a virtualized table (thousands of rows cost only what is
 * in view). A group of tokens links to the tokens grid filtered to them.
 */
export function FindingTypeGroups({
  groups,
  expanded,
  onToggle,
  links,
  tokensGridHref,
}: {
  groups: readonly FindingTypeGroup[];
  expanded: (id: string) => boolean;
  onToggle: (id: string) => void;
  links: FindingLinks;
  tokensGridHref: (id: string) => string;
}) {
  const styles = useStyles();
  const columns = useFindingColumns(links);
  const rowKey = useCallback((f: Finding) => f.key, []);
  return (
    <ul className={styles.list} aria-label="Findings by type">
      {groups.map((g) => {
        const open = expanded(g.id);
        const bodyId = `finding-group-${g.id.replace(/[^a-z0-9-]/gi, '-')}`;
        const n = g.findings.length;
        return (
          <li key={g.id} className={styles.group}>
            <div className={styles.head}>
              <Button
                appearance="subtle"
                className={styles.toggle}
                icon={open ? <ChevronDown20Regular /> : <ChevronRight20Regular />}
                aria-expanded={open}
                aria-controls={open ? bodyId : undefined}
                onClick={() => onToggle(g.id)}
              >
                <span className={styles.title}>{g.title}</span>
              </Button>
              <SeverityBadge severity={g.severity} />
              <Text className={styles.muted}>
                {n.toLocaleString()} {n === 1 ? 'finding' : 'findings'}
              </Text>
              <span className={styles.spacer} />
              {g.allTokens ? (
                <HrefLink href={tokensGridHref(g.id)}>
                  Show these tokens in the tokens grid
                </HrefLink>
              ) : null}
            </div>
            {open ? (
              <div id={bodyId} className={styles.body}>
                <VirtualTable
                  label={`${g.title} findings`}
                  rows={g.findings}
                  columns={columns}
                  rowKey={rowKey}
                  rowHeight={ROW}
                  className={styles.table}
                />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
