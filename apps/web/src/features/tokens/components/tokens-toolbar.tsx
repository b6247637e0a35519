import { Button } from '@fluentui/react-components';
import { FilterSearch, FilterSelect, useFilterBarStyles } from '../../../components/filter-select';
import { passwordStateLabels } from '../../../components/status-badges';
import { passwordFilterStates, type TokensSearch } from '../utils/tokens-search';

type Filters = Pick<TokensSearch, 'q' | 'kind' | 'status' | 'password' | 'finding'>;

const kindOptions = [
  { value: 'sync', label: 'Sync tokens' },
  { value: 'client', label: 'Client tokens' },
  { value: 'unattached', label: 'Unattached' },
] as const;
const statusOptions = [
  { value: 'enabled', label: 'Enabled' },
  { value: 'disabled', label: 'Disabled' },
] as const;
const passwordOptions = passwordFilterStates.map((s) => ({
  value: s,
  label:
    s === 'missing' ? 'No password at all' : `A password: ${passwordStateLabels[s].toLowerCase()}`,
}));

/** Search and filters; every change goes straight to the URL, which is the state. */
export function TokensToolbar({
  value,
  onChange,
}: {
  value: Filters;
  onChange: (next: Partial<Filters>) => void;
}) {
  const styles = useFilterBarStyles();
  const any = value.q || value.kind || value.status || value.password || value.finding;
  return (
    <div className={styles.root} role="search" aria-label="Filter tokens">
      <FilterSearch
        label="Search"
        className={styles.search}
        value={value.q ?? ''}
        placeholder="Name, scope map, connected registry"
        onChange={(q) => onChange({ q: q || undefined })}
      />
      <FilterSelect
        label="Kind"
        anyLabel="Any kind"
        value={value.kind}
        options={kindOptions}
        onChange={(kind) => onChange({ kind })}
      />
      <FilterSelect
        label="Status"
        anyLabel="Any status"
        value={value.status}
        options={statusOptions}
        onChange={(status) => onChange({ status })}
      />
      <FilterSelect
        label="Password"
        anyLabel="Any password state"
        value={value.password}
        options={passwordOptions}
        onChange={(password) => onChange({ password })}
      />
      <Button
        disabled={!any}
        onClick={() =>
          onChange({
            q: undefined,
            kind: undefined,
            status: undefined,
            password: undefined,
            finding: undefined,
          })
        }
      >
        Clear filters
      </Button>
    </div>
  );
}
