import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowMinimize16Regular, ArrowMaximize16Regular } from '@fluentui/react-icons';
import {
  FilterCheckbox,
  FilterSearch,
  FilterSelect,
  useFilterBarStyles,
} from '../../../components/filter-select';
import {
  connectionStates,
  hasFilters,
  modes,
  type HierarchyFilters,
} from '../utils/hierarchy-search';

const useStyles = makeStyles({
  checks: { display: 'flex', flexWrap: 'wrap', alignItems: 'center' },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalS,
  },
  count: { color: tokens.colorNeutralForeground2 },
  tree: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Search, filters and expand/collapse for the tree; the filters go straight to the URL. */
export function HierarchyToolbar({
  value,
  onChange,
  onExpandAll,
  onCollapseAll,
  summary,
}: {
  /** "300 connected registries" or "3 of 300 connected registries match". */
  summary: string;
  value: HierarchyFilters;
  onChange: (next: Partial<HierarchyFilters>) => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}) {
  const styles = useStyles();
  const bar = useFilterBarStyles();
  return (
    <>
      <div className={bar.root} role="search" aria-label="Filter connected registries">
        <FilterSearch
          label="Search by name"
          className={bar.search}
          value={value.q ?? ''}
          placeholder="e.g. line0246"
          onChange={(q) => onChange({ q: q.trim() || undefined })}
        />
        <FilterSelect
          label="Connection state"
          anyLabel="Any state"
          value={value.state}
          options={connectionStates}
          onChange={(state) => onChange({ state })}
        />
        <FilterSelect
          label="Mode"
          anyLabel="Any mode"
          value={value.mode}
          options={modes}
          onChange={(mode) => onChange({ mode })}
        />
        <div className={styles.checks}>
          <FilterCheckbox
            label="Has findings"
            checked={!!value.findings}
            onChange={(on) => onChange({ findings: on || undefined })}
          />
          <FilterCheckbox
            label="Show only problems"
            checked={!!value.problems}
            onChange={(on) => onChange({ problems: on || undefined })}
          />
        </div>
        <Button
          disabled={!hasFilters(value)}
          onClick={() =>
            onChange({
              q: undefined,
              state: undefined,
              mode: undefined,
              findings: undefined,
              problems: undefined,
            })
          }
        >
          Clear filters
        </Button>
      </div>
      <div className={styles.bar}>
        <Text className={styles.count} aria-live="polite">
          {summary}
        </Text>
        <div className={styles.tree}>
          <Button icon={<ArrowMaximize16Regular />} onClick={onExpandAll}>
            Expand all
          </Button>
          <Button icon={<ArrowMinimize16Regular />} onClick={onCollapseAll}>
            Collapse all
          </Button>
        </div>
      </div>
    </>
  );
}
