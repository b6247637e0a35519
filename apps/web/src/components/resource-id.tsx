import { makeStyles, tokens } from '@fluentui/react-components';
import { CopyButton } from './copy-button';
import { PortalLink } from './portal-link';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  id: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    minWidth: 0,
  },
});

/** A resource id as the Portal shows it: the id (wrapping, never cut), Copy, and Open in Azure portal. */
export function ResourceId({ id, what }: { id: string; what: string }) {
  const styles = useStyles();
  return (
    <span className={styles.root}>
      <span className={styles.id}>{id}</span>
      <CopyButton value={id} what={`the resource id of ${what}`} />
      <PortalLink resourceId={id} what={what} />
    </span>
  );
}
