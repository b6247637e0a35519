import { makeStyles, tokens } from '@fluentui/react-components';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { ErrorPanel } from '../components/error-panel';
import { PageSpinner } from '../components/loading';
import { useMe } from '../features/session/api/get-me';
import { NoAccessPage } from '../features/session/components/no-access';
import { SignedOutPage } from '../features/session/components/signed-out';
import { MeProvider } from '../lib/me-context';
import { Shell } from './shell';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalXXL, maxWidth: '48rem', margin: '0 auto' },
});

/** Where the BFF should send the identity provider's post-logout redirect. */
export const signedOutPath = '/signed-out';

/**
 * Nothing renders until the BFF says who is signed in: an anonymous visitor is
 * sent to sign in by the API client, and a person with no console role gets
 * the no-access page instead of a console full of errors.
 */
export function RootLayout() {
  const styles = useStyles();
  const signedOut = useRouterState({ select: (s) => s.location.pathname === signedOutPath });
  const me = useMe({ enabled: !signedOut });
  if (signedOut) return <SignedOutPage />;
  if (me.isPending) {
    return (
      <main id="main" className={styles.page}>
        <PageSpinner label="Signing in…" />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main id="main" className={styles.page}>
        <h1>Latchkey</h1>
        <ErrorPanel
          error={me.error}
          title="Could not load your session"
          onRetry={() => void me.refetch()}
        />
      </main>
    );
  }
  if (me.data.roles.length === 0) return <NoAccessPage me={me.data} />;
  return (
    <MeProvider me={me.data}>
      <Shell me={me.data}>
        <Outlet />
      </Shell>
    </MeProvider>
  );
}
