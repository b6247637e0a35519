import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { apiPaths } from '@latchkey/domain';
import { ProductHeader } from '../../../components/product-header';
import { usePageTitle } from '../../../lib/page-title';

const useStyles = makeStyles({
  main: {
    maxWidth: '36rem',
    margin: '0 auto',
    padding: `10vh ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  h1: { margin: 0 },
});

/**
 * Where the identity provider sends the browser after sign-out. Without this
 * page the console would call /api/me, get 401 and start a new sign-in at once.
 */
export function SignedOutPage() {
  const styles = useStyles();
  usePageTitle('Signed out');
  return (
    <>
      <ProductHeader />
      <main id="main" className={styles.main}>
        <Text as="h1" size={800} weight="semibold" className={styles.h1}>
          You are signed out of Latchkey
        </Text>
        <Text>Your console session has ended. Close this tab, or sign in again.</Text>
        <div>
          <Button appearance="primary" as="a" href={apiPaths.login('/registries')}>
            Sign in again
          </Button>
        </div>
      </main>
    </>
  );
}
