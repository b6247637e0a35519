import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import { useCallback, useMemo } from 'react';
import { RouterLink } from '../../../components/router-link';
import { PasswordSlotCell } from '../../../components/password-slots';
import { TokenStatusBadge } from '../../../components/status-badges';
import {
  VirtualTable,
  type RowSelection,
  type SortDirection,
  type VirtualColumn,
} from '../../../components/virtual-table';
import type { RegistryParams } from '../../../lib/registry-ref';
import type { TokenRow } from '../utils/token-rows';
import type { TokenSortColumn } from '../utils/tokens-search';

const useStyles = makeStyles({
  // Long kinds ("Client token of sitenorth, sitesouth, …") wrap to two lines; the full text is on hover.
  wrap: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
    lineHeight: tokens.lineHeightBase200,
    fontSize: tokens.fontSizeBase200,
  },
  ellipsis: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function TokensGrid({
  registry,
  rows,
  sort,
  onSortChange,
  now,
  selection,
}: {
  registry: RegistryParams;
  rows: readonly TokenRow[];
  now: number;
  selection?: RowSelection | undefined;
  sort: { column: TokenSortColumn; direction: SortDirection };
  onSortChange: (column: TokenSortColumn, direction: SortDirection) => void;
}) {
  const styles = useStyles();
  // Stable columns let the table skip re-rendering rows that stay in view while scrolling.
  const columns = useMemo(
    (): VirtualColumn<TokenRow>[] => [
      {
        id: 'name',
        header: 'Name',
        width: 'minmax(9rem, 1.3fr)',
        sortable: true,
        cell: (r) => (
          <RouterLink
            className={mergeClasses(styles.ellipsis, styles.name)}
            title={r.token.name}
            to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
            params={{ ...registry, tokenName: r.token.name }}
          >
            {r.token.name}
          </RouterLink>
        ),
      },
      {
        id: 'kind',
        header: 'Kind',
        width: 'minmax(9rem, 1.3fr)',
        sortable: true,
        cell: (r) => (
          <span className={styles.wrap} title={r.kindLabel}>
            {r.kindLabel}
          </span>
        ),
      },
      {
        id: 'status',
        header: 'Status',
        width: '6.5rem',
        sortable: true,
        cell: (r) => <TokenStatusBadge status={r.token.status} />,
      },
      {
        id: 'scopeMap',
        header: 'Scope map',
        width: 'minmax(7rem, 1fr)',
        sortable: true,
        cell: (r) =>
          r.token.scopeMapName ? (
            <RouterLink
              className={styles.wrap}
              title={r.token.scopeMapName}
              to="/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps/$scopeMapName"
              params={{ ...registry, scopeMapName: r.token.scopeMapName }}
            >
              {r.token.scopeMapName}
            </RouterLink>
          ) : (
            <Badge appearance="tint" color="warning" shape="rounded">
              No scope map
            </Badge>
          ),
      },
      {
        id: 'password1',
        header: 'Password 1',
        width: '11.5rem',
        sortable: true,
        cell: (r) => (
          <PasswordSlotCell slot={r.token.passwords[0]} state={r.slotStates[0]} now={now} />
        ),
      },
      {
        id: 'password2',
        header: 'Password 2',
        width: '11.5rem',
        sortable: true,
        cell: (r) => (
          <PasswordSlotCell slot={r.token.passwords[1]} state={r.slotStates[1]} now={now} />
        ),
      },
      {
        id: 'clientOf',
        header: 'Accepted by',
        width: 'minmax(7rem, 1fr)',
        sortable: true,
        cell: (r) =>
          r.acceptedBy.length === 0 ? (
            <span className={styles.muted}>—</span>
          ) : (
            <span className={styles.wrap} title={r.acceptedByText}>
              {r.acceptedBy.join(', ')}
            </span>
          ),
      },
    ],
    [registry, styles, now],
  );
  const rowKey = useCallback((r: TokenRow) => r.token.name, []);
  return (
    <VirtualTable
      label="Tokens"
      rows={rows}
      columns={columns}
      rowKey={rowKey}
      rowHeight={60}
      sort={sort}
      onSortChange={(column, direction) => onSortChange(column as TokenSortColumn, direction)}
      selection={selection}
      fillViewport
    />
  );
}
