import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import type {
  ConnectedRegistryView,
  Finding,
  RegistryOverview,
  Severity,
  TokenView,
} from '@latchkey/domain';
import { useMemo } from 'react';
import { plural } from '../../../lib/format';
import { blastRadius } from '../utils/scope-map-edit';
import { diffByTarget, type ActionDiff } from '../utils/scope-map-diff';
import { describeFindingsDelta, findingsDelta, severityWords } from '../utils/scope-map-findings';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  heading: { margin: 0 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowX: 'auto' },
  kind: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

const badgeColor: Record<Severity, 'danger' | 'severe' | 'warning' | 'informative' | 'subtle'> = {
  critical: 'danger',
  high: 'severe',
  medium: 'warning',
  low: 'informative',
  info: 'subtle',
};

function FindingList({ label, findings }: { label: string; findings: readonly Finding[] }) {
  const styles = useStyles();
  if (findings.length === 0) return null;
  return (
    <>
      <Text as="h4" weight="semibold" className={styles.subheading}>
        {label}
      </Text>
      <ul className={styles.list} aria-label={label}>
        {findings.map((f) => (
          <li key={f.key} className={styles.item}>
            <Badge appearance="tint" color={badgeColor[f.severity]}>
              {severityWords[f.severity]}
            </Badge>
            <span>
              {f.title}: {f.target.label}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The diff per target, the findings it creates or resolves, and who it reaches, before a save. */
export function ScopeMapReview({
  name,
  diff,
  actions,
  descriptionChanged,
  users,
  connectedRegistries,
  overview,
}: {
  name: string;
  diff: ActionDiff;
  /** The edited map's actions, as they would be saved. */
  actions: readonly string[];
  descriptionChanged: boolean;
  users: readonly TokenView[];
  connectedRegistries: readonly ConnectedRegistryView[];
  /** The registry as last read: the findings engine runs on it with the edited map. */
  overview: RegistryOverview | undefined;
}) {
  const styles = useStyles();
  const rows = diffByTarget(diff);
  const radius = blastRadius(users, connectedRegistries, diff);
  const ineffective = radius.tokens.filter((t) => t.ineffectiveOn.length > 0);
  const delta = useMemo(
    () => (overview ? findingsDelta(overview, name, actions, Date.now()) : undefined),
    [overview, name, actions],
  );
  return (
    <>
      <Text as="h3" weight="semibold" className={styles.heading}>
        Changes
      </Text>
      {rows.length === 0 && !descriptionChanged ? (
        <Text className={styles.muted}>Nothing changes.</Text>
      ) : null}
      {rows.length > 0 ? (
        <div className={styles.wrap}>
          <Table aria-label={`Changes to ${name}`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Repository or connected registry</TableHeaderCell>
                <TableHeaderCell>Added</TableHeaderCell>
                <TableHeaderCell>Removed</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={`${r.kind} ${r.target}`}>
                  <TableCell>
                    {r.target}
                    <span className={styles.kind}>
                      {r.kind === 'repository'
                        ? 'Repository'
                        : r.kind === 'gateway'
                          ? 'Connected registry'
                          : 'Other action'}
                    </span>
                  </TableCell>
                  <TableCell>{r.added.length ? r.added.join(', ') : '—'}</TableCell>
                  <TableCell>{r.removed.length ? r.removed.join(', ') : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {descriptionChanged ? <Text>The description changes.</Text> : null}
      <Text as="h3" weight="semibold" className={styles.heading}>
        Findings
      </Text>
      {delta ? (
        <>
          <MessageBar
            intent={delta.created.length ? 'warning' : delta.resolved.length ? 'success' : 'info'}
            layout="multiline"
          >
            <MessageBarBody>{describeFindingsDelta(delta).join(' ')}</MessageBarBody>
          </MessageBar>
          <FindingList label="Findings this change creates" findings={delta.created} />
          <FindingList label="Findings this change resolves" findings={delta.resolved} />
        </>
      ) : (
        <Text className={styles.muted}>
          The registry is still loading, so the findings this change would create or resolve cannot
          be shown yet.
        </Text>
      )}
      <Text as="h3" weight="semibold" className={styles.heading}>
        Blast radius
      </Text>
      {radius.tokens.length === 0 ? (
        <Text className={styles.muted}>No token uses {name}: the change reaches nobody yet.</Text>
      ) : (
        <>
          <Text>
            {plural(radius.tokens.length, 'token')} and{' '}
            {plural(
              radius.connectedRegistries.length,
              'connected registry',
              'connected registries',
            )}{' '}
            get the change.
          </Text>
          <div className={styles.wrap}>
            <Table aria-label={`Tokens using ${name}`} size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Token</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Accepted by connected registries</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {radius.tokens.map((t) => (
                  <TableRow key={t.name}>
                    <TableCell>{t.name}</TableCell>
                    <TableCell>{t.status}</TableCell>
                    <TableCell>
                      {t.connectedRegistries.length === 0
                        ? 'None (the cloud registry only)'
                        : t.connectedRegistries
                            .map((c) => (c.mode === 'unknown' ? c.name : `${c.name} (${c.mode})`))
                            .join(', ')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
      {ineffective.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            This adds write or delete, which has no effect there for these client tokens of ReadOnly
            connected registries (they serve pulls only):{' '}
            {ineffective.map((t) => `${t.name} on ${t.ineffectiveOn.join(', ')}`).join('; ')}.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
