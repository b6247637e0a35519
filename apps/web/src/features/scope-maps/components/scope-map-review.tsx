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
import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { plural } from '../../../lib/format';
import { blastRadius, describeDiff, type ActionDiff } from '../utils/scope-map-edit';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowX: 'auto' },
});

/** The diff in words and who it reaches, shown before a save. */
export function ScopeMapReview({
  name,
  diff,
  descriptionChanged,
  users,
  connectedRegistries,
}: {
  name: string;
  diff: ActionDiff;
  descriptionChanged: boolean;
  users: readonly TokenView[];
  connectedRegistries: readonly ConnectedRegistryView[];
}) {
  const styles = useStyles();
  const sentences = describeDiff(diff);
  const radius = blastRadius(users, connectedRegistries, diff);
  const ineffective = radius.tokens.filter((t) => t.ineffectiveOn.length > 0);
  return (
    <>
      <Text as="h3" weight="semibold" className={styles.heading}>
        Changes
      </Text>
      {sentences.length === 0 && !descriptionChanged ? (
        <Text className={styles.muted}>Nothing changes.</Text>
      ) : (
        <ul className={styles.list} aria-label={`Changes to ${name}`}>
          {sentences.map((s) => (
            <li key={s}>
              {name} {s}
            </li>
          ))}
          {descriptionChanged ? <li>changes the description</li> : null}
        </ul>
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
