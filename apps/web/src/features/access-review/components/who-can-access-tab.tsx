import { Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { PeopleSearch20Regular } from '@fluentui/react-icons';
import {
  describeKind,
  repositoryPermissions,
  whoCanAccess,
  type RegistryOverview,
  type RepositoryPermission,
  type WhoCanAccess,
} from '@latchkey/domain';
import { useDeferredValue, useId, useMemo } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { RouterLink } from '../../../components/router-link';
import { TokenStatusBadge } from '../../../components/status-badges';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import type { RegistryParams } from '../../../lib/registry-ref';
import type { AccessReviewSearch } from '../utils/access-review-search';
import { permissionWords } from '../utils/permission-letters';
import { PlaceSelect } from './place-select';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  repo: { minWidth: '16rem', flexGrow: 1, maxWidth: '28rem' },
  table: { maxHeight: 'max(18rem, calc(100vh - 28rem))' },
  cellText: {
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Row = WhoCanAccess['tokens'][number] & { status: 'enabled' | 'disabled' };
type Filters = Pick<AccessReviewSearch, 'repository' | 'place' | 'permission'>;

/** "Who can access repository X [on connected registry Y] [with permission P]", from the engine. */
export function WhoCanAccessTab({
  registry,
  overview,
  suggestions,
  filters,
  onChange,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  suggestions: readonly string[];
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
}) {
  const styles = useStyles();
  const listId = useId();
  const deferred = useDeferredValue(filters);
  const placeKnown =
    !deferred.place ||
    overview.connectedRegistries.some(
      (c) => c.name.toLowerCase() === deferred.place?.toLowerCase(),
    );

  const answer = useMemo(() => {
    const repo = deferred.repository?.trim();
    if (!repo || !placeKnown) return undefined;
    try {
      return whoCanAccess(overview, repo, deferred.place);
    } catch {
      return undefined;
    }
  }, [overview, deferred.repository, deferred.place, placeKnown]);

  const rows = useMemo((): Row[] => {
    if (!answer) return [];
    const status = new Map(overview.tokens.map((t) => [t.name.toLowerCase(), t.status]));
    const p = deferred.permission;
    return answer.tokens
      .filter(
        (r) =>
          !p ||
          r.granted.some((g) => g.permission === p) ||
          r.removed.some((g) => g.permission === p),
      )
      .map((r) => ({ ...r, status: status.get(r.token.toLowerCase()) ?? 'enabled' }));
  }, [answer, overview.tokens, deferred.permission]);

  const columns = useMemo(
    (): VirtualColumn<Row>[] => [
      {
        id: 'token',
        header: 'Token',
        width: 'minmax(9rem, 1.2fr)',
        cell: (r) => (
          <RouterLink
            to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
            params={{ ...registry, tokenName: r.token }}
          >
            {r.token}
          </RouterLink>
        ),
      },
      {
        id: 'kind',
        header: 'Kind',
        width: 'minmax(8rem, 1fr)',
        cell: (r) => <span className={styles.cellText}>{describeKind(r.kind)}</span>,
      },
      {
        id: 'status',
        header: 'Status',
        width: '7rem',
        cell: (r) => <TokenStatusBadge status={r.status} />,
      },
      {
        id: 'granted',
        header: 'Permissions there',
        width: 'minmax(9rem, 1.2fr)',
        cell: (r) => (
          <span className={styles.cellText}>
            {r.granted.length > 0
              ? r.granted.map((g) => permissionWords[g.permission]).join(', ')
              : 'None'}
          </span>
        ),
      },
      {
        id: 'rules',
        header: 'Granted by',
        width: 'minmax(12rem, 2fr)',
        cell: (r) => (
          <span className={`${styles.cellText} ${styles.mono}`}>
            {[...new Set(r.granted.flatMap((g) => g.rules))].join(', ') || '—'}
            {r.scopeMap ? ` (scope map ${r.scopeMap})` : ''}
          </span>
        ),
      },
      {
        id: 'removed',
        header: 'Not effective there',
        width: 'minmax(12rem, 2fr)',
        cell: (r) => (
          <span className={styles.cellText}>
            {r.removed.length > 0
              ? r.removed
                  .map((g) => `${permissionWords[g.permission]}: ${g.explanation}`)
                  .join('; ')
              : '—'}
          </span>
        ),
      },
    ],
    [registry, styles],
  );

  const place = overview.connectedRegistries.find(
    (c) => c.name.toLowerCase() === deferred.place?.toLowerCase(),
  );
  const where = place ? `on ${place.name}` : `on the cloud registry ${registry.registryName}`;

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar} role="search" aria-label="Who can access">
        <Field
          label="Repository"
          hint="A name (factory/mes-api) or a pattern (factory/*)"
          className={styles.repo}
        >
          <Input
            value={filters.repository ?? ''}
            list={listId}
            autoComplete="off"
            onChange={(_e, d) => onChange({ repository: d.value || undefined })}
          />
        </Field>
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <PlaceSelect
          connectedRegistries={overview.connectedRegistries}
          cloudName={registry.registryName}
          value={filters.place}
          onChange={(place) => onChange({ place })}
        />
        <Field label="Permission">
          <Select
            value={filters.permission ?? ''}
            onChange={(_e, d) =>
              onChange({ permission: (d.value || undefined) as RepositoryPermission | undefined })
            }
          >
            <option value="">Any permission</option>
            {repositoryPermissions.map((p) => (
              <option key={p} value={p}>
                {permissionWords[p]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {!placeKnown ? (
        <EmptyState title="Unknown connected registry" headingLevel={3}>
          {`This registry has no connected registry named “${deferred.place}”. Choose a place from the list.`}
        </EmptyState>
      ) : !answer ? (
        <EmptyState
          title="Ask about a repository"
          icon={<PeopleSearch20Regular />}
          headingLevel={3}
        >
          Type a repository name or pick one of the suggestions to see every token that reaches it,
          with the rules that grant it.
        </EmptyState>
      ) : (
        <>
          <Text role="status" className={styles.muted}>
            {rows.filter((r) => r.granted.length > 0).length} tokens can act on {answer.repository}{' '}
            {where}
            {deferred.permission ? ` with ${permissionWords[deferred.permission]}` : ''};{' '}
            {rows.filter((r) => r.granted.length === 0).length} more are granted it without effect.
            {answer.connectedRegistry
              ? answer.connectedRegistry.sync.synced
                ? ` ${answer.connectedRegistry.name} syncs it.`
                : ` ${answer.connectedRegistry.name} does not sync it${answer.connectedRegistry.sync.missingUpstream ? ` (its ancestor ${answer.connectedRegistry.sync.missingUpstream} does not)` : ''}.`
              : ''}
          </Text>
          {rows.length === 0 ? (
            <EmptyState title="No token reaches it" headingLevel={3}>
              {`No scope map of a token ${place ? `accepted by ${place.name} ` : ''}names ${answer.repository}${deferred.permission ? ` with ${permissionWords[deferred.permission]}` : ''}.`}
            </EmptyState>
          ) : (
            <VirtualTable
              label={`Who can access ${answer.repository} ${where}`}
              rows={rows}
              columns={columns}
              rowKey={(r) => r.token}
              rowHeight={64}
              className={styles.table}
            />
          )}
        </>
      )}
    </div>
  );
}
