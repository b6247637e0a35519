import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
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
import {
  FilterField,
  FilterSearch,
  FilterSelect,
  PlainSelect,
} from '../../../components/filter-select';
import { useCan } from '../../../components/can';
import { RelativeTime } from '../../../components/relative-time';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import type {
  AccessReviewSearch,
  FindingGrouping,
  TargetKind,
} from '../utils/access-review-search';
import { filterFindings } from '../utils/finding-filters';
import {
  findingTargetHref,
  groupByTarget,
  groupByType,
  humanizeEvidence,
} from '../utils/finding-groups';
import { FindingDetail } from './finding-detail';
import type { FindingLinks } from './finding-rows';
import { FindingTargetList } from './finding-target-list';
import { FindingTypeGroups } from './finding-type-groups';
import { severityLabels, SeveritySummary } from './severity-summary';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  search: { minWidth: '14rem', flexGrow: 1, maxWidth: '24rem' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const targetKindLabels: Record<TargetKind, string> = {
  token: 'Tokens',
  'scope-map': 'Scope maps',
  'connected-registry': 'Connected registries',
};

const severityOptions = severities.map((s) => ({ value: s, label: severityLabels[s] }));
const findingOptions = findingCatalogue.map((e) => ({ value: e.id, label: e.title }));
const targetOptions = (Object.keys(targetKindLabels) as TargetKind[]).map((k) => ({
  value: k,
  label: targetKindLabels[k],
}));

type Filters = Pick<AccessReviewSearch, 'severity' | 'finding' | 'kind' | 'q' | 'group' | 'detail'>;

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Findings: counts by severity, filters (in the URL), the findings grouped by
 * type (or by target), and one finding in a side panel whose key is in the URL.
 */
export function FindingsTab({
  data,
  filters,
  onChange,
  fixHref,
  registryBase,
}: {
  data: FindingsResponse;
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
  fixHref: (f: Finding) => string;
  registryBase: string;
}) {
  const styles = useStyles();
  const canFix = useCan('token.write');
  const now = useNow();
  const counts = useMemo(() => countBySeverity(data.findings), [data.findings]);
  const deferred = useDeferredValue(filters);
  const visible = useMemo(() => filterFindings(data.findings, deferred), [data.findings, deferred]);
  const grouping: FindingGrouping = filters.group ?? 'type';
  const typeGroups = useMemo(
    () => (grouping === 'type' ? groupByType(visible) : []),
    [grouping, visible],
  );
  const targetGroups = useMemo(
    () => (grouping === 'target' ? groupByTarget(visible) : []),
    [grouping, visible],
  );
  // Filtered down (or one group only), every group starts open; otherwise closed.
  const narrowed = !!(filters.severity || filters.finding || filters.kind || filters.q);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const expanded = useCallback(
    (id: string) => toggled[id] ?? (narrowed || typeGroups.length === 1),
    [toggled, narrowed, typeGroups.length],
  );
  const any = filters.severity || filters.finding || filters.kind || filters.q;

  const humanize = useCallback(
    (text: string) =>
      humanizeEvidence(text, (iso) => `${formatDateTime(iso)} (${formatRelative(iso, now)})`),
    [now],
  );
  const links = useMemo(
    (): FindingLinks => ({
      targetHref: (f) => findingTargetHref(registryBase, f.target),
      fixHref: canFix ? fixHref : undefined,
      humanize,
      onDetails: (f) => onChange({ detail: f.key }),
    }),
    [registryBase, canFix, fixHref, humanize, onChange],
  );
  const selected = filters.detail ? data.findings.find((f) => f.key === filters.detail) : undefined;
  const related = useMemo(
    () =>
      selected
        ? data.findings.filter(
            (f) =>
              f.key !== selected.key &&
              f.target.kind === selected.target.kind &&
              f.target.name.toLowerCase() === selected.target.name.toLowerCase(),
          )
        : [],
    [data.findings, selected],
  );

  return (
    <div className={styles.stack}>
      <SeveritySummary
        counts={counts}
        selected={filters.severity}
        onSelect={(severity) => onChange({ severity })}
      />
      <div className={styles.toolbar} role="search" aria-label="Filter findings">
        <FilterField label="Group by">
          {(id) => (
            <PlainSelect
              id={id}
              value={grouping}
              onChange={(value) => onChange({ group: value === 'target' ? 'target' : undefined })}
            >
              <option value="type">Finding type</option>
              <option value="target">Target</option>
            </PlainSelect>
          )}
        </FilterField>
        <FilterSelect
          label="Severity"
          anyLabel="Any severity"
          value={filters.severity}
          options={severityOptions}
          onChange={(severity) => onChange({ severity })}
        />
        <FilterSelect
          label="Finding type"
          anyLabel="Any finding"
          value={filters.finding}
          options={findingOptions}
          onChange={(finding) => onChange({ finding })}
        />
        <FilterSelect
          label="Target"
          anyLabel="Any target"
          value={filters.kind}
          options={targetOptions}
          onChange={(kind) => onChange({ kind })}
        />
        <FilterSearch
          label="Search"
          className={styles.search}
          value={filters.q ?? ''}
          placeholder="Token, scope map, connected registry, evidence"
          onChange={(q) => onChange({ q: q || undefined })}
        />
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
          ? count(data.findings.length, 'finding')
          : `${visible.length.toLocaleString()} of ${count(data.findings.length, 'finding')}`}
        , computed <RelativeTime iso={data.computedAt} now={now} />
        {grouping === 'type'
          ? ` · ${count(typeGroups.length, 'finding type')}`
          : ` · ${count(targetGroups.length, 'target')}`}
      </Text>
      {data.findings.length === 0 ? (
        <EmptyState title="No findings" icon={<CheckmarkCircle20Regular />}>
          Nothing in this registry matches the findings catalogue.
        </EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState title="No finding matches these filters" headingLevel={3}>
          Clear a filter to see more.
        </EmptyState>
      ) : grouping === 'type' ? (
        <FindingTypeGroups
          groups={typeGroups}
          expanded={expanded}
          onToggle={(id) => setToggled((t) => ({ ...t, [id]: !expanded(id) }))}
          links={links}
          tokensGridHref={(id) => `${registryBase}/tokens?finding=${encodeURIComponent(id)}`}
        />
      ) : (
        <FindingTargetList groups={targetGroups} links={links} />
      )}
      {/* Mounted only while open (see SidePanel). */}
      {filters.detail ? (
        <FindingDetail
          finding={selected}
          related={related}
          fixHref={selected && canFix ? fixHref(selected) : undefined}
          targetHref={selected ? findingTargetHref(registryBase, selected.target) : undefined}
          humanize={humanize}
          onSelect={(key) => onChange({ detail: key })}
          onClose={() => onChange({ detail: undefined })}
        />
      ) : null}
    </div>
  );
}
