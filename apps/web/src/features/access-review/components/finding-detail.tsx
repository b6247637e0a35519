import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Finding } from '@latchkey/domain';
import { HrefLink } from '../../../components/href-link';
import { PropertyList } from '../../../components/property-list';
import { SidePanel } from '../../../components/side-panel';
import { SeverityBadge } from './severity-summary';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  related: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  relatedItem: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  heading: { margin: 0 },
});

/**
 * One finding in full, in a side panel (its key is in the URL): why it
 * matters, how to fix it, the evidence with human times, a link to the
 * target, and the other findings about the same target.
 */
export function FindingDetail({
  finding,
  related,
  fixHref,
  targetHref,
  humanize,
  onSelect,
  onClose,
}: {
  finding: Finding | undefined;
  /** The other findings about the same target. */
  related: readonly Finding[];
  fixHref: string | undefined;
  targetHref: string | undefined;
  humanize: (text: string) => string;
  onSelect: (key: string) => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const title = finding ? finding.title : 'Finding not found';
  return (
    <SidePanel
      title={title}
      label={`Finding: ${title}`}
      closeLabel="Close finding details"
      onClose={onClose}
    >
      {!finding ? (
        <Text>
          This finding is not in the current results: it may have been fixed since, or the filters
          hide it.
        </Text>
      ) : (
        <>
          <PropertyList
            items={[
              ['Severity', <SeverityBadge severity={finding.severity} />],
              [
                'Target',
                targetHref ? (
                  <HrefLink href={targetHref}>{finding.target.label}</HrefLink>
                ) : (
                  finding.target.label
                ),
              ],
              ['Finding id', finding.id],
              finding.window ? ['Time window', finding.window] : null,
              ['Why it matters', finding.why],
              ['How to fix', finding.fix],
            ]}
          />
          <Text as="h3" weight="semibold" className={styles.heading}>
            Evidence
          </Text>
          <ul className={styles.list}>
            {finding.evidence.map((e) => (
              <li key={e}>{humanize(e)}</li>
            ))}
          </ul>
          {fixHref ? (
            <HrefLink href={fixHref}>Open the fix for {finding.target.label}</HrefLink>
          ) : null}
          {related.length > 0 ? (
            <>
              <Text as="h3" weight="semibold" className={styles.heading}>
                Other findings about{' '}
                {finding.target.kind === 'scope-map' ? 'scope map' : finding.target.kind}{' '}
                {finding.target.name} ({related.length.toLocaleString()})
              </Text>
              <ul className={styles.related}>
                {related.map((r) => (
                  <li key={r.key} className={styles.relatedItem}>
                    <SeverityBadge severity={r.severity} />
                    <Button appearance="transparent" size="small" onClick={() => onSelect(r.key)}>
                      {r.title}
                      {r.target.slot ? ` (${r.target.slot})` : ''}
                      {r.target.connectedRegistry ? ` on ${r.target.connectedRegistry}` : ''}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </SidePanel>
  );
}
