import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { auditActionName } from '@latchkey/domain';
import { useMemo, useState } from 'react';
import { FilterCheckbox } from '../../../components/filter-select';
import { PropertyList } from '../../../components/property-list';
import { SidePanel } from '../../../components/side-panel';
import { RelativeTime } from '../../../components/relative-time';
import type { AuditRow } from '../utils/audit-rows';
import { diffFields, rootFieldName } from '../utils/audit-diff';
import { AuditTargetText } from './audit-table';
import { ChangeTable, ErrorFields } from './change-table';
import { OutcomeBadge } from './outcome-badge';

const useStyles = makeStyles({
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * One change in full, beside the log (like the Activity Log's detail pane):
 * who, what, where, when, how it went, the Azure request ids and the
 * before/after as a field-by-field comparison. Closing it returns focus to
 * the row's action (the drawer's focus trap restores it).
 */
export function AuditRecordPanel({
  row,
  now,
  onClose,
}: {
  row: AuditRow | undefined;
  now: number;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [showSame, setShowSame] = useState(false);
  const changes = useMemo(
    () => (row ? diffFields(row.before, row.after, rootFieldName(row.action)) : []),
    [row],
  );
  const changed = changes.filter((c) => !c.same);
  const sameCount = changes.length - changed.length;
  const title = row ? auditActionName(row.action) : 'Record not loaded';

  return (
    <SidePanel title={title} label={`Audit record: ${title}`} onClose={onClose}>
      {!row ? (
        <Text>
          This record is not among the ones loaded with these filters. Clear the filters or load
          older records to find it.
        </Text>
      ) : (
        <>
          <PropertyList
            items={[
              ['Outcome', <OutcomeBadge outcome={row.outcome} />],
              ['Target', <AuditTargetText id={row.target} />],
              ['Resource id', <span className={styles.mono}>{row.target}</span>],
              [
                'Actor',
                row.actorName ? (
                  <>
                    {row.actorName} <span className={styles.muted}>({row.actor})</span>
                  </>
                ) : (
                  row.actor
                ),
              ],
              ['Started', <RelativeTime iso={row.recordedAt} now={now} />],
              row.completedAt
                ? ['Completed', <RelativeTime iso={row.completedAt} now={now} />]
                : null,
              row.window
                ? [
                    'Happened between',
                    <>
                      <RelativeTime iso={row.window.from} now={now} /> and{' '}
                      <RelativeTime iso={row.window.to} now={now} /> (between two reads of the
                      registry; not made through the console)
                    </>,
                  ]
                : null,
              ['Action code', <span className={styles.mono}>{row.action}</span>],
              ['Request id', <span className={styles.mono}>{row.requestId}</span>],
              [
                'ARM request ids',
                row.armRequestIds.length === 0 ? (
                  'None'
                ) : (
                  <ul className={`${styles.list} ${styles.mono}`}>
                    {row.armRequestIds.map((id) => (
                      <li key={id}>{id}</li>
                    ))}
                  </ul>
                ),
              ],
              ['Sequence number', row.seq.toLocaleString()],
            ]}
          />
          <section aria-labelledby="audit-changes-heading" className={styles.section}>
            <Text
              as="h3"
              id="audit-changes-heading"
              weight="semibold"
              size={400}
              className={styles.heading}
            >
              Changes
            </Text>
            {changes.length === 0 ? (
              <Text className={styles.muted}>Nothing recorded before or after.</Text>
            ) : (
              <>
                <Text className={styles.muted}>
                  {changed.length === 0
                    ? 'No field changed.'
                    : `${changed.length.toLocaleString()} ${changed.length === 1 ? 'field' : 'fields'} changed or recorded on one side only.`}
                </Text>
                <ChangeTable rows={showSame ? changes : changed} now={now} />
                {sameCount > 0 ? (
                  <FilterCheckbox
                    checked={showSame}
                    onChange={setShowSame}
                    label={`Show unchanged fields (${sameCount.toLocaleString()})`}
                  />
                ) : null}
              </>
            )}
          </section>
          {row.error ? (
            <section aria-labelledby="audit-error-heading" className={styles.section}>
              <Text
                as="h3"
                id="audit-error-heading"
                weight="semibold"
                size={400}
                className={styles.heading}
              >
                Error
              </Text>
              <ErrorFields error={row.error} now={now} />
            </section>
          ) : null}
        </>
      )}
    </SidePanel>
  );
}
