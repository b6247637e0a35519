import { Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { PeopleSearch20Regular } from '@fluentui/react-icons';
import {
  describeKind,
  gatewayPermissions,
  repositoryPermissions,
  whoCanAccess,
  whoCanAccessGateway,
  type GatewayPermission,
  type PermissionGrant,
  type PlaceSummary,
  type RegistryOverview,
  type RemovedGrant,
  type RepositoryPermission,
  type SyncStatus,
  type WhoCanAccess,
} from '@latchkey/domain';
import { useDeferredValue, useId, useMemo } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { ExpandableText } from '../../../components/expandable-text';
import { RegistryDisabledNotice } from '../../../components/registry-disabled-notice';
import { RouterLink } from '../../../components/router-link';
import { TokenStatusBadge } from '../../../components/status-badges';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import { plural } from '../../../lib/format';
import type { RegistryParams } from '../../../lib/registry-ref';
import type { AccessReviewSearch } from '../utils/access-review-search';
import { acceptanceWords } from '../utils/client-access';
import { permissionWord } from '../utils/permission-letters';
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

type Permission = RepositoryPermission | GatewayPermission;

/** One row of either question: a token the place accepts, how, and what works there. */
interface Row {
  token: string;
  kind: WhoCanAccess['tokens'][number]['kind'];
  scopeMap: string | null;
  acceptedAs: WhoCanAccess['tokens'][number]['acceptedAs'];
  granted: PermissionGrant<Permission>[];
  removed: RemovedGrant<Permission>[];
  status: 'enabled' | 'disabled';
}

/** The question asked and the engine's answer, whichever family it is about. */
interface Answer {
  /** "factory/line-agent" or "the gateway of edgeline1". */
  subject: string;
  place?: PlaceSummary & { sync?: SyncStatus };
  tokens: Omit<Row, 'status'>[];
}

type Filters = Pick<AccessReviewSearch, 'repository' | 'place' | 'permission' | 'gateway'>;

/**
 * "Who can access repository X (or the gateway of connected registry G) [on
 * place Y] [with permission P]", from the engine: every token the place
 * accepts, how it accepts it, what works there and what does not, and why.
 */
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
  const crs = overview.connectedRegistries;
  const known = (name: string | undefined) =>
    !name || crs.some((c) => c.name.toLowerCase() === name.toLowerCase());
  const placeKnown = known(deferred.place);
  const askGateway = deferred.gateway !== undefined;

  const answer = useMemo((): Answer | undefined => {
    if (!placeKnown) return undefined;
    try {
      if (deferred.gateway !== undefined) {
        const a = whoCanAccessGateway(overview, deferred.gateway, deferred.place);
        return {
          subject: `the gateway of ${a.gateway}`,
          ...(a.connectedRegistry ? { place: a.connectedRegistry } : {}),
          tokens: a.tokens,
        };
      }
      const repo = deferred.repository?.trim();
      if (!repo) return undefined;
      const a = whoCanAccess(overview, repo, deferred.place);
      return {
        subject: a.repository,
        ...(a.connectedRegistry ? { place: a.connectedRegistry } : {}),
        tokens: a.tokens,
      };
    } catch {
      return undefined;
    }
  }, [overview, deferred.repository, deferred.gateway, deferred.place, placeKnown]);

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
        id: 'accepted',
        header: 'Accepted as',
        width: 'minmax(8rem, 1fr)',
        cell: (r) => (
          <span className={styles.cellText} title={describeKind(r.kind)}>
            {r.acceptedAs.length > 0 ? acceptanceWords(r.acceptedAs) : 'Not accepted'}
          </span>
        ),
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
              ? r.granted.map((g) => permissionWord(g.permission)).join(', ')
              : 'None'}
          </span>
        ),
      },
      {
        id: 'rules',
        header: 'Granted by',
        width: 'minmax(12rem, 2fr)',
        // Every rule of the scope map that names it, effective or not: the
        // reviewer sees the rule to change even where it has no effect now.
        cell: (r) => {
          const rules = [...new Set([...r.granted, ...r.removed].flatMap((g) => g.rules))];
          return (
            <ExpandableText
              className={styles.mono}
              what={`granted by, for ${r.token}`}
              text={`${rules.join(', ') || '—'}${r.scopeMap ? ` (scope map ${r.scopeMap})` : ''}`}
            />
          );
        },
      },
      {
        id: 'removed',
        header: 'Not effective there',
        width: 'minmax(12rem, 2fr)',
        cell: (r) =>
          r.removed.length > 0 ? (
            <ExpandableText
              what={`not effective there, for ${r.token}`}
              text={r.removed
                .map((g) => `${permissionWord(g.permission)}: ${g.explanation}`)
                .join('\n')}
            />
          ) : (
            '—'
          ),
      },
    ],
    [registry, styles],
  );

  const place = crs.find((c) => c.name.toLowerCase() === deferred.place?.toLowerCase());
  const where = place ? `on ${place.name}` : `on the cloud registry ${registry.registryName}`;
  const sortedCrs = useMemo(() => [...crs].sort((a, b) => a.name.localeCompare(b.name)), [crs]);
  const permissions: readonly Permission[] = askGateway
    ? gatewayPermissions
    : repositoryPermissions;
  const sync = answer?.place?.sync;

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar} role="search" aria-label="Who can access">
        <Field label="Ask about">
          <Select
            value={filters.gateway !== undefined ? 'gateway' : 'repository'}
            onChange={(_e, d) =>
              onChange(
                d.value === 'gateway'
                  ? {
                      gateway: filters.place ?? sortedCrs[0]?.name ?? '',
                      repository: undefined,
                      permission: undefined,
                    }
                  : { gateway: undefined, permission: undefined },
              )
            }
          >
            <option value="repository">A repository</option>
            <option value="gateway" disabled={crs.length === 0}>
              A connected registry’s gateway
            </option>
          </Select>
        </Field>
        {filters.gateway !== undefined ? (
          <Field label="Gateway of" hint="Its configuration and messages, which sync tokens use">
            <Select
              value={
                crs.find((c) => c.name.toLowerCase() === filters.gateway?.toLowerCase())?.name ?? ''
              }
              onChange={(_e, d) => onChange({ gateway: d.value })}
            >
              {sortedCrs.map((cr) => (
                <option key={cr.name} value={cr.name}>
                  {cr.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <>
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
          </>
        )}
        <PlaceSelect
          connectedRegistries={crs}
          cloudName={registry.registryName}
          value={filters.place}
          onChange={(place) => onChange({ place })}
        />
        <Field label="Permission">
          <Select
            value={filters.permission ?? ''}
            onChange={(_e, d) =>
              onChange({ permission: (d.value || undefined) as Permission | undefined })
            }
          >
            <option value="">Any permission</option>
            {permissions.map((p) => (
              <option key={p} value={p}>
                {permissionWord(p)}
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
          title={askGateway ? 'Choose a gateway' : 'Ask about a repository'}
          icon={<PeopleSearch20Regular />}
          headingLevel={3}
        >
          {askGateway
            ? 'Choose the connected registry whose gateway (configuration and messages) you ask about.'
            : 'Type a repository name or pick one of the suggestions to see every token that reaches it, with the rules that grant it.'}
        </EmptyState>
      ) : (
        <>
          {answer.place?.disabledBySyncToken ? (
            <RegistryDisabledNotice
              registry={registry}
              connectedRegistry={answer.place.name}
              syncToken={answer.place.disabledBySyncToken}
            />
          ) : null}
          <Text role="status" className={styles.muted}>
            {plural(rows.filter((r) => r.granted.length > 0).length, 'token')} can act on{' '}
            {answer.subject} {where}
            {deferred.permission ? ` with ${permissionWord(deferred.permission)}` : ''};{' '}
            {rows.filter((r) => r.granted.length === 0).length} more are granted it without effect.
            {answer.place
              ? ` ${answer.place.name} accepts its client tokens and the sync tokens of its direct children.`
              : ' The cloud registry accepts every token of the registry.'}
            {sync && answer.place
              ? sync.synced
                ? ` ${answer.place.name} syncs it.`
                : ` ${answer.place.name} does not sync it${sync.missingUpstream ? ` (its ancestor ${sync.missingUpstream} does not)` : ''}.`
              : ''}
          </Text>
          {rows.length === 0 ? (
            <EmptyState title="No token reaches it" headingLevel={3}>
              {`No scope map of a token ${place ? `accepted by ${place.name} ` : ''}names ${answer.subject}${deferred.permission ? ` with ${permissionWord(deferred.permission)}` : ''}.`}
            </EmptyState>
          ) : (
            <VirtualTable
              label={`Who can access ${answer.subject} ${where}`}
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
