import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import type { Finding } from '@latchkey/domain';
import { useEffect, useRef } from 'react';
import { HrefLink } from '../../../components/href-link';
import { PropertyList } from '../../../components/property-list';
import { SeverityBadge } from './severity-summary';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  heading: { margin: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

/** One finding in full: why it matters, how to fix it, the evidence; focus moves here when opened. */
export function FindingDetail({
  finding,
  fixHref,
  onClose,
}: {
  finding: Finding;
  fixHref: string | undefined;
  onClose: () => void;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [finding.key]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={styles.panel}
      aria-label={`Finding: ${finding.title}`}
    >
      <div className={styles.head}>
        <Text as="h3" size={400} weight="semibold" className={styles.heading}>
          {finding.title}
        </Text>
        <Button
          appearance="subtle"
          icon={<Dismiss20Regular />}
          aria-label="Close finding details"
          onClick={onClose}
        />
      </div>
      <PropertyList
        items={[
          ['Severity', <SeverityBadge severity={finding.severity} />],
          ['Target', finding.target.label],
          ['Finding id', finding.id],
          finding.window ? ['Time window', finding.window] : null,
          ['Why it matters', finding.why],
          ['How to fix', finding.fix],
        ]}
      />
      <Text weight="semibold">Evidence</Text>
      <ul className={styles.list}>
        {finding.evidence.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      {fixHref ? <HrefLink href={fixHref}>Open the fix for {finding.target.label}</HrefLink> : null}
    </section>
  );
}
