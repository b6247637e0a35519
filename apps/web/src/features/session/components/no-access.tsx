import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Me } from '@latchkey/domain';
import { ErrorPanel } from '../../../components/error-panel';
import { useSignOut } from '../api/sign-out';
import { ProductHeader } from '../../../components/product-header';
import { usePageTitle } from '../../../lib/page-title';

const useStyles = makeStyles({
  main: {
    maxWidth: '40rem',
    // Padding, not margin: a top margin would collapse through the themed provider element.
    margin: '0 auto',
    padding: `6vh ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  h1: { margin: 0 },
  roles: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/** A signed-in person without a console role: say exactly what to ask for, and let them leave. */
export function NoAccessPage({ me }: { me: Me }) {
  const styles = useStyles();
  const signOut = useSignOut();
  usePageTitle('No access');
  return (
    <>
      <ProductHeader />
      <main id="main" className={styles.main}>
        <Text as="h1" size={800} weight="semibold" className={styles.h1}>
          You don’t have access to Latchkey yet
        </Text>
        <Text>
          You are signed in as <strong>{me.name}</strong> ({me.username}), but your account has no
          Latchkey role. Ask the administrator of the Latchkey app registration in Microsoft Entra
          ID (tenant <span className={styles.code}>{me.tenantId}</span>) to assign you one of these
          app roles:
        </Text>
        <ul className={styles.roles}>
          <li>
            <span className={styles.code}>Latchkey.Reviewer</span>: read registries, tokens and
            scope maps, review access and export evidence.
          </li>
          <li>
            <span className={styles.code}>Latchkey.Admin</span>: everything a reviewer can do, plus
            change tokens, passwords, scope maps and connected registries.
          </li>
        </ul>
        <Text>
          After the role is assigned, sign out and sign in again. Signing out ends your Latchkey
          sessions in every browser.
        </Text>
        {signOut.isError ? <ErrorPanel error={signOut.error} title="Sign-out failed" /> : null}
        <div>
          <Button
            appearance="primary"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign out everywhere
          </Button>
        </div>
      </main>
    </>
  );
}
