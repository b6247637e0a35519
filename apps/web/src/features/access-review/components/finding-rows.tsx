import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '@latchkey/domain';
import { useMemo } from 'react';
import { HrefLink } from '../../../components/href-link';
import type { VirtualColumn } from '../../../components/virtual-table';

const useStyles = makeStyles({
  ellipsis: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** What the findings' tables need from the page: links, and evidence in human words. */
export interface FindingLinks {
  targetHref: (f: Finding) => string;
  fixHref: ((f: Finding) => string) | undefined;
  humanize: (text: string) => string;
  onDetails: (f: Finding) => void;
}

/**
 * The columns of a group's findings: the target (a link to its page), the
 * evidence (one line, all of it on hover), Details (the side panel) and Fix.
 */
export function useFindingColumns(links: FindingLinks): VirtualColumn<Finding>[] {
  const styles = useStyles();
  const { targetHref, fixHref, humanize, onDetails } = links;
  return useMemo(
    (): VirtualColumn<Finding>[] => [
      {
        id: 'target',
        header: 'Target',
        width: 'minmax(12rem, 1.4fr)',
        cell: (f) => (
          <span className={styles.ellipsis} title={f.target.label}>
            <HrefLink href={targetHref(f)}>{f.target.label}</HrefLink>
          </span>
        ),
      },
      {
        id: 'evidence',
        header: 'Evidence',
        width: 'minmax(12rem, 2fr)',
        cell: (f) => {
          const text = f.evidence.map(humanize).join(' · ');
          return (
            <span className={styles.ellipsis} title={f.evidence.map(humanize).join('\n')}>
              {text}
            </span>
          );
        },
      },
      {
        id: 'actions',
        header: 'Details',
        width: fixHref ? '9rem' : '5.5rem',
        cell: (f) => (
          <span className={styles.actions}>
            <Button
              size="small"
              aria-label={`Details of ${f.title}: ${f.target.label}`}
              onClick={() => onDetails(f)}
            >
              Details
            </Button>
            {fixHref ? (
              <HrefLink href={fixHref(f)} aria-label={`Fix ${f.title}: ${f.target.label}`}>
                Fix
              </HrefLink>
            ) : null}
          </span>
        ),
      },
    ],
    [styles, targetHref, fixHref, humanize, onDetails],
  );
}
