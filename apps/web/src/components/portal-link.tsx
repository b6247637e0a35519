import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { Open16Regular } from '@fluentui/react-icons';
import { useCurrentMe } from '../lib/me-context';
import { portalResourceUrl } from '../lib/portal';

const useStyles = makeStyles({
  link: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
});

/** "Open in Azure portal" for one resource, in a new tab (the console stays where it was). */
export function PortalLink({ resourceId, what }: { resourceId: string; what: string }) {
  const styles = useStyles();
  const me = useCurrentMe();
  if (!me) return null;
  return (
    <Link
      className={styles.link}
      href={portalResourceUrl(me.tenantId, resourceId)}
      target="_blank"
      rel="noreferrer"
      aria-label={`Open in Azure portal: ${what} (new tab)`}
    >
      Open in Azure portal
      <Open16Regular aria-hidden />
    </Link>
  );
}
