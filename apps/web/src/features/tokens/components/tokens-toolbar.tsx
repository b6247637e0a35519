import { Button, Field, SearchBox, Select } from '@fluentui/react-components';
import { useId } from 'react';
import { useFilterBarStyles } from '../../../components/filter-select';
import { passwordStateLabels } from '../../../components/status-badges';
import { passwordFilterStates, type TokensSearch } from '../utils/tokens-search';

type Filters = Pick<TokensSearch, 'q' | 'kind' | 'status' | 'password' | 'finding'>;

/** Search and filters; every change goes straight to the URL, which is the state. */
export function TokensToolbar({
  value,
  onChange,
}: {
  value: Filters;
  onChange: (next: Partial<Filters>) => void;
}) {
  const styles = useFilterBarStyles();
  const id = useId();
  const any = value.q || value.kind || value.status || value.password || value.finding;
  return (
    <div className={styles.root} role="search" aria-label="Filter tokens">
      <Field label="Search" className={styles.search}>
        <SearchBox
          id={`${id}-q`}
          value={value.q ?? ''}
          placeholder="Name, scope map, connected registry"
          onChange={(_e, d) => onChange({ q: d.value || undefined })}
        />
      </Field>
      <Field label="Kind">
        <Select
          value={value.kind ?? ''}
          onChange={(_e, d) => onChange({ kind: (d.value || undefined) as Filters['kind'] })}
        >
          <option value="">Any kind</option>
          <option value="sync">Sync tokens</option>
          <option value="client">Client tokens</option>
          <option value="unattached">Unattached</option>
        </Select>
      </Field>
      <Field label="Status">
        <Select
          value={value.status ?? ''}
          onChange={(_e, d) => onChange({ status: (d.value || undefined) as Filters['status'] })}
        >
          <option value="">Any status</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </Select>
      </Field>
      <Field label="Password">
        <Select
          value={value.password ?? ''}
          onChange={(_e, d) =>
            onChange({ password: (d.value || undefined) as Filters['password'] })
          }
        >
          <option value="">Any password state</option>
          {passwordFilterStates.map((s) => (
            <option key={s} value={s}>
              {s === 'missing'
                ? 'No password at all'
                : `A password: ${passwordStateLabels[s].toLowerCase()}`}
            </option>
          ))}
        </Select>
      </Field>
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
