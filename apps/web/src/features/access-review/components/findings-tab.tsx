import {
  Button,
  Field,
  makeStyles,
  SearchBox,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle20Regular } from '@fluentui/react-icons';
import {
  countBySeverity,
  findingCatalogue,
  severities,
  type Finding,
  type FindingsResponse,
} from '@latchkey/domain';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { useCan } from '../../../components/can';
import { HrefLink } from '../../../components/href-link';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import { formatDateTime } from '../../../lib/format';
import type { AccessReviewSearch, TargetKind } from '../utils/access-review-search';
import { filterFindings } from '../utils/finding-filters';
import { FindingDetail } from './finding-detail';
import { SeverityBadge, severityLabels, SeveritySummary } from './severity-summary';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  search: { minWidth: '14rem', flexGrow: 1, maxWidth: '24rem' },
  table: { maxHeight: 'max(18rem, calc(100vh - 30rem))' },
  ellipsis: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const targetKindLabels: Record<TargetKind, string> = {
  token: 'Tokens',
  'scope-map': 'Scope maps',
  'connected-registry': 'Connected registries',
};

type Filters = Pick<AccessReviewSearch, 'severity' | 'finding' | 'kind' | 'q'>;

/** Findings: counts by severity, filters (in the URL), the table and one finding's detail. */
export function FindingsTab({
  data,
  filters,
  onChange,
  fixHref,
}: {
  data: FindingsResponse;
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
  fixHref: (f: Finding) => string;
}) {
  const styles = useStyles();
  const canFix = useCan('token.write');
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  const counts = useMemo(() => countBySeverity(data.findings), [data.findings]);
  const deferred = useDeferredValue(filters);
  const visible = useMemo(() => filterFindings(data.findings, deferred), [data.findings, deferred]);
  const selected = visible.find((f) => f.key === selectedKey);
  const any = filters.severity || filters.finding || filters.kind || filters.q;

  const columns = useMemo((): VirtualColumn<Finding>[] => {
    const cols: VirtualColumn<Finding>[] = [
      {
        id: 'severity',
        header: 'Severity',
        width: '6.5rem',
        cell: (f) => <SeverityBadge severity={f.severity} />,
      },
      {
        id: 'title',
        header: 'Finding',
        width: 'minmax(12rem, 2fr)',
        cell: (f) => (
          <span className={styles.ellipsis} title={f.title}>
            {f.title}
          </span>
        ),
      },
      {
        id: 'target',
        header: 'Target',
        width: 'minmax(10rem, 1.5fr)',
        cell: (f) => (
          <span className={styles.ellipsis} title={f.target.label}>
            {f.target.label}
          </span>
        ),
      },
      {
        id: 'evidence',
        header: 'Evidence',
        width: 'minmax(10rem, 2fr)',
        cell: (f) => (
          <span className={styles.ellipsis} title={f.evidence.join('\n')}>
            {f.evidence.join(' · ')}
          </span>
        ),
      },
      {
        id: 'window',
        header: 'Time window',
        width: 'minmax(8rem, 1fr)',
        cell: (f) => (
          <span className={styles.ellipsis} title={f.window}>
            {f.window ?? '—'}
          </span>
        ),
      },
      {
        id: 'actions',
        header: 'Details',
        width: canFix ? '9rem' : '5.5rem',
        cell: (f) => (
          <span className={styles.actions}>
            <Button
              size="small"
              aria-label={`Details of ${f.title}: ${f.target.label}`}
              onClick={() => setSelectedKey(f.key)}
            >
              Details
            </Button>
            {canFix ? (
              <HrefLink href={fixHref(f)} aria-label={`Fix ${f.title}: ${f.target.label}`}>
                Fix
              </HrefLink>
            ) : null}
          </span>
        ),
      },
    ];
    return cols;
  }, [styles, canFix, fixHref]);
  const rowKey = useCallback((f: Finding) => f.key, []);

  return (
    <div className={styles.stack}>
      <SeveritySummary
        counts={counts}
        selected={filters.severity}
        onSelect={(severity) => onChange({ severity })}
      />
      <div className={styles.toolbar} role="search" aria-label="Filter findings">
        <Field label="Severity">
          <Select
            value={filters.severity ?? ''}
            onChange={(_e, d) =>
              onChange({ severity: (d.value || undefined) as Filters['severity'] })
            }
          >
            <option value="">Any severity</option>
            {severities.map((s) => (
              <option key={s} value={s}>
                {severityLabels[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Finding type">
          <Select
            value={filters.finding ?? ''}
            onChange={(_e, d) =>
              onChange({ finding: (d.value || undefined) as Filters['finding'] })
            }
          >
            <option value="">Any finding</option>
            {findingCatalogue.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Target">
          <Select
            value={filters.kind ?? ''}
            onChange={(_e, d) => onChange({ kind: (d.value || undefined) as Filters['kind'] })}
          >
            <option value="">Any target</option>
            {(Object.keys(targetKindLabels) as TargetKind[]).map((k) => (
              <option key={k} value={k}>
                {targetKindLabels[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Search" className={styles.search}>
          <SearchBox
            value={filters.q ?? ''}
            placeholder="Token, scope map, connected registry, evidence"
            onChange={(_e, d) => onChange({ q: d.value || undefined })}
          />
        </Field>
        <Button
          disabled={!any}
          onClick={() =>
            onChange({ severity: undefined, finding: undefined, kind: undefined, q: undefined })
          }
        >
          Clear filters
        </Button>
      </div>
      <Text className={styles.muted} role="status">
        {visible.length === data.findings.length
          ? `${data.findings.length} findings`
          : `${visible.length} of ${data.findings.length} findings`}
        , computed {formatDateTime(data.computedAt)}
      </Text>
      {data.findings.length === 0 ? (
        <EmptyState title="No findings" icon={<CheckmarkCircle20Regular />}>
          Nothing in this registry matches the findings catalogue.
        </EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState title="No finding matches these filters" headingLevel={3}>
          Clear a filter to see more.
        </EmptyState>
      ) : (
        <VirtualTable
          label="Findings"
          rows={visible}
          columns={columns}
          rowKey={rowKey}
          rowHeight={48}
          className={styles.table}
        />
      )}
      {selected ? (
        <FindingDetail
          finding={selected}
          fixHref={canFix ? fixHref(selected) : undefined}
          onClose={() => setSelectedKey(undefined)}
        />
      ) : null}
    </div>
  );
}
