import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { FilterSearch } from '../../../components/filter-select';
import { GridDots20Regular } from '@fluentui/react-icons';
import { accessMatrix, type AccessMatrix, type RegistryOverview } from '@latchkey/domain';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { RegistryDisabledNotice } from '../../../components/registry-disabled-notice';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import type { RegistryParams } from '../../../lib/registry-ref';
import type { AccessReviewSearch } from '../utils/access-review-search';
import { acceptanceWords } from '../utils/client-access';
import {
  cellName,
  chipsOf,
  gatewayCellName,
  gatewayChips,
  gatewayChipsOf,
  permissionChips,
  type PermissionChip,
} from '../utils/permission-letters';
import { RouterLink } from '../../../components/router-link';
import { PlaceSelect } from './place-select';
import { plural } from '../../../lib/format';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  search: { minWidth: '12rem', flexGrow: 1, maxWidth: '20rem' },
  table: { maxHeight: 'max(18rem, calc(100vh - 28rem))' },
  token: { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  how: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground2,
  },
  disabled: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
  cell: { display: 'flex', flexWrap: 'wrap', gap: '2px', lineHeight: tokens.lineHeightBase100 },
  chip: {
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid`,
  },
  pull: {
    color: tokens.colorPaletteGreenForeground1,
    backgroundColor: tokens.colorPaletteGreenBackground1,
  },
  push: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
  },
  delete: {
    color: tokens.colorPaletteRedForeground1,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  metadata: {
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  gateway: {
    color: tokens.colorPaletteBlueForeground2,
    backgroundColor: tokens.colorPaletteBlueBackground2,
  },
  disabledTag: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  none: { color: tokens.colorNeutralForeground4 },
  muted: { color: tokens.colorNeutralForeground2 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

type MatrixRow = AccessMatrix['rows'][number];

const columnsPerPage = 24;
type Filters = Pick<AccessReviewSearch, 'place' | 'q' | 'repository'>;

/** A column of the matrix: a repository (or pattern), or a connected registry's gateway. */
type MatrixColumn = { kind: 'repository' | 'gateway'; name: string; i: number };

/**
 * Token × repository (and × gateway): what works where. Rows are the tokens
 * the place accepts, each saying how when it is not an ordinary client token. Rows are virtualised (5,000 tokens in
 * the large scenario) and the matrix is computed once per place; the text
 * filters only pick rows and columns out of it.
 */
export function MatrixTab({
  registry,
  overview,
  filters,
  onChange,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
}) {
  const styles = useStyles();
  const deferred = useDeferredValue(filters);
  const place = overview.connectedRegistries.find(
    (c) => c.name.toLowerCase() === deferred.place?.toLowerCase(),
  );
  const matrix = useMemo(
    () => accessMatrix(overview, place ? { connectedRegistry: place.name } : {}),
    [overview, place],
  );
  const q = deferred.q?.trim().toLowerCase();
  const repo = deferred.repository?.trim().toLowerCase();
  const rows = useMemo(
    () => (q ? matrix.rows.filter((r) => r.token.toLowerCase().includes(q)) : matrix.rows),
    [matrix, q],
  );
  // Gateway columns come after the repositories; the repository filter matches
  // their connected registry's name too.
  const matching = useMemo(
    (): MatrixColumn[] =>
      [
        ...matrix.columns.map((name, i) => ({ kind: 'repository' as const, name, i })),
        ...matrix.gatewayColumns.map((name, i) => ({ kind: 'gateway' as const, name, i })),
      ].filter(({ name }) => !repo || name.toLowerCase().includes(repo)),
    [matrix, repo],
  );
  // Rows are virtualised; columns come in pages, so a registry naming hundreds
  // of repositories (193 in the large scenario) keeps a bounded DOM per row.
  const [columnPage, setColumnPage] = useState(0);
  // Another filter or place starts again at the first columns.
  useEffect(() => setColumnPage(0), [repo, place]);
  const pages = Math.max(1, Math.ceil(matching.length / columnsPerPage));
  const page = Math.min(columnPage, pages - 1);
  const shown = useMemo(
    () => matching.slice(page * columnsPerPage, (page + 1) * columnsPerPage),
    [matching, page],
  );

  const columns = useMemo((): VirtualColumn<MatrixRow>[] => {
    const tokenCol: VirtualColumn<MatrixRow> = {
      id: '__token',
      header: 'Token',
      width: 'minmax(11rem, 14rem)',
      cell: (r) => {
        // Client tokens are the ordinary case; anything else (a child's sync token) is said.
        const how = r.acceptedAs.some((a) => a.type === 'child-sync-token')
          ? acceptanceWords(r.acceptedAs)
          : undefined;
        return (
          <>
            <span className={styles.token} title={r.token}>
              <RouterLink
                className={r.status === 'disabled' ? styles.disabled : undefined}
                to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
                params={{ ...registry, tokenName: r.token }}
              >
                {r.token}
              </RouterLink>
              {r.status === 'disabled' ? (
                <span className={styles.disabledTag}> disabled: no access</span>
              ) : null}
            </span>
            {how ? (
              <span className={styles.how} title={how}>
                {how}
              </span>
            ) : null}
          </>
        );
      },
    };
    return [
      tokenCol,
      ...shown.map(({ kind, name: c, i }): VirtualColumn<MatrixRow> => {
        // Thousands of cells mount while scrolling: plain spans, no icons. The
        // short words for the eye, the full words as its accessible name (and tooltip).
        const cell = (name: string, chips: PermissionChip[]) => (
          <span
            role="img"
            aria-label={name}
            title={name}
            className={chips.length > 0 ? styles.cell : styles.none}
          >
            {chips.length > 0
              ? chips.map((c) => (
                  <span key={c.label} className={`${styles.chip} ${styles[c.tone]}`}>
                    {c.label}
                  </span>
                ))
              : '·'}
          </span>
        );
        return kind === 'gateway'
          ? {
              id: `gateway:${c}`,
              header: `gateway ${c}`,
              width: 'minmax(7rem, 1fr)',
              cell: (r) => {
                const perms = r.gatewayCells[i] ?? [];
                return cell(gatewayCellName(r.token, c, perms), gatewayChipsOf(perms));
              },
            }
          : {
              id: c,
              // A break opportunity after each "/" so long names wrap instead of overlapping.
              header: c.replaceAll('/', '/\u200b'),
              width: 'minmax(7rem, 1fr)',
              cell: (r) => {
                const perms = r.cells[i] ?? [];
                return cell(cellName(r.token, c, perms), chipsOf(perms));
              },
            };
      }),
    ];
  }, [shown, styles, registry]);
  const rowKey = useCallback((r: MatrixRow) => r.token, []);

  const where = place ? place.name : `the cloud registry ${registry.registryName}`;
  return (
    <div className={styles.stack}>
      <div className={styles.toolbar} role="search" aria-label="Filter the matrix">
        <PlaceSelect
          connectedRegistries={overview.connectedRegistries}
          cloudName={registry.registryName}
          value={place?.name}
          onChange={(p) => onChange({ place: p })}
        />
        <FilterSearch
          label="Token"
          className={styles.search}
          value={filters.q ?? ''}
          placeholder="Token name"
          onChange={(v) => onChange({ q: v || undefined })}
        />
        <FilterSearch
          label="Repository"
          className={styles.search}
          value={filters.repository ?? ''}
          placeholder="Repository or pattern"
          onChange={(v) => onChange({ repository: v || undefined })}
        />
      </div>
      <ul className={styles.legend} aria-label="Legend">
        {[...Object.values(permissionChips), ...Object.values(gatewayChips)].map((c) => (
          <li key={c.label}>
            <span className={`${styles.chip} ${styles[c.tone]}`}>{c.label}</span> {c.meaning}
          </li>
        ))}
        <li>
          <span className={styles.none}>·</span> no access there
        </li>
      </ul>
      <Text className={styles.muted}>
        A cell shows only what works there (effective access). A disabled token works nowhere: it
        says “disabled: no access” and its cells are empty.
      </Text>
      <Text role="status" className={styles.muted}>
        {plural(rows.length, 'token')} ×{' '}
        {plural(matching.length, 'repository or gateway', 'repositories and gateways')} on {where}
        {place
          ? ` (its client tokens and the sync tokens of its direct children; ${place.mode}; only what it syncs)`
          : ''}
        .
        {pages > 1
          ? ` Showing columns ${page * columnsPerPage + 1}–${page * columnsPerPage + shown.length}.`
          : ''}
      </Text>
      {matrix.disabledBySyncToken && place ? (
        <RegistryDisabledNotice
          registry={registry}
          connectedRegistry={place.name}
          syncToken={matrix.disabledBySyncToken}
        />
      ) : null}
      {pages > 1 ? (
        <div className={styles.toolbar} role="group" aria-label="Matrix columns">
          <Button disabled={page === 0} onClick={() => setColumnPage(page - 1)}>
            Previous columns
          </Button>
          <Button disabled={page >= pages - 1} onClick={() => setColumnPage(page + 1)}>
            Next columns
          </Button>
          <Text className={styles.muted}>
            Page {page + 1} of {pages}
          </Text>
        </div>
      ) : null}
      {matrix.rows.length === 0 ? (
        <EmptyState title="No token here" icon={<GridDots20Regular />} headingLevel={3}>
          {place
            ? `${place.name} accepts no token: it has no client token and no child connected registry.`
            : 'This registry has no token with a scope map.'}
        </EmptyState>
      ) : rows.length === 0 || shown.length === 0 ? (
        <EmptyState title="Nothing matches these filters" headingLevel={3}>
          Clear the token or repository filter to see more.
        </EmptyState>
      ) : (
        <VirtualTable
          label={`Access matrix on ${where}`}
          rows={rows}
          columns={columns}
          rowKey={rowKey}
          rowHeight={40}
          className={styles.table}
        />
      )}
    </div>
  );
}
