import { makeStyles, tokens } from '@fluentui/react-components';
import {
  ClipboardTaskListLtr20Regular,
  History20Regular,
  Key20Regular,
  LockClosedKey20Regular,
  ServerMultiple20Regular,
  TextBulletListTree20Regular,
} from '@fluentui/react-icons';
import type { Me } from '@latchkey/domain';
import { useParams, useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { NotificationArea, NotifyProvider } from '../components/notify';
import { ProductHeader } from '../components/product-header';
import { VisuallyHidden } from '../components/visually-hidden';
import { UserMenu } from '../features/session/components/user-menu';
import { SideNav, SideNavLink, SideNavSectionHeader } from './side-nav';
import { stickyTop } from '../lib/layout';
import { focusPageHeading } from '../lib/focus';
import { titleForLocation } from '../lib/page-title';
import { useRegistryStanding } from '../lib/registry-validity';
import type { RegistryParams } from '../lib/registry-ref';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'grid',
    gridTemplateRows: 'auto 1fr',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-100px',
    zIndex: 10,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus': { top: tokens.spacingVerticalS },
  },
  // The header and the side navigation stay put while the page scrolls.
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    boxSizing: 'border-box',
    height: stickyTop.css,
  },
  body: { display: 'flex', minHeight: 0, minWidth: 0 },
  nav: {
    flexShrink: 0,
    width: '220px',
    position: 'sticky',
    top: stickyTop.css,
    alignSelf: 'flex-start',
    height: `calc(100vh - ${stickyTop.css})`,
    overflowY: 'auto',
  },
  navBody: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
  },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus': { outline: 'none' },
  },
});

const lastRegistryKey = 'latchkey.registry';

function readLastRegistry(): RegistryParams | undefined {
  try {
    const raw = window.sessionStorage.getItem(lastRegistryKey);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<RegistryParams>;
    return v.subscriptionId && v.resourceGroup && v.registryName
      ? {
          subscriptionId: v.subscriptionId,
          resourceGroup: v.resourceGroup,
          registryName: v.registryName,
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registry the registry-scoped nav entries point at: the one in the URL, or
 * the last one visited in this tab (so Access review → Tokens returns to it).
 */
function useCurrentRegistry(): RegistryParams | undefined {
  const params = useParams({ strict: false });
  const fromUrl: RegistryParams | undefined =
    params.subscriptionId && params.resourceGroup && params.registryName
      ? {
          subscriptionId: params.subscriptionId,
          resourceGroup: params.resourceGroup,
          registryName: params.registryName,
        }
      : undefined;
  const [last, setLast] = useState(readLastRegistry);
  // A registry the console could not find (a mistyped address) is not remembered or shown.
  const standing = useRegistryStanding(fromUrl);
  const bad = standing === 'wrong';
  const key = fromUrl && standing === 'found' ? JSON.stringify(fromUrl) : undefined;
  useEffect(() => {
    if (!key) return;
    try {
      window.sessionStorage.setItem(lastRegistryKey, key);
    } catch {
      // Only a convenience.
    }
    setLast(JSON.parse(key) as RegistryParams);
  }, [key]);
  return bad ? undefined : (fromUrl ?? last);
}

type NavValue = 'registries' | 'hierarchy' | 'tokens' | 'scope-maps' | 'access-review' | 'audit';

function selectedFromPath(pathname: string): NavValue | undefined {
  if (pathname.startsWith('/access-review')) return 'access-review';
  if (pathname.startsWith('/audit')) return 'audit';
  const m = /^\/registries\/[^/]+\/[^/]+\/[^/]+\/([^/]+)/.exec(pathname);
  if (
    m?.[1] === 'hierarchy' ||
    m?.[1] === 'tokens' ||
    m?.[1] === 'scope-maps' ||
    m?.[1] === 'access-review'
  )
    return m[1];
  if (pathname.startsWith('/registries')) return 'registries';
  return undefined;
}

const enc = encodeURIComponent;

const hasRegistryInUrl = (pathname: string) => /^\/registries\/[^/]+\/[^/]+\/[^/]+/.test(pathname);

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const styles = useStyles();
  const router = useRouter();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const registry = useCurrentRegistry();
  const selected = selectedFromPath(pathname);
  const reviewTab = useRouterState({
    select: (s): string | undefined => {
      const tab: unknown = (s.location.search as Record<string, unknown>).tab;
      return typeof tab === 'string' ? tab : undefined;
    },
  });
  useEffect(() => {
    const title = titleForLocation(pathname, reviewTab);
    if (title) document.title = title;
  }, [pathname, reviewTab]);
  // Following a link to another page moves focus to its heading (not on the first load).
  useEffect(
    () =>
      router.subscribe('onRendered', (e) => {
        if (e.pathChanged && e.fromLocation)
          focusPageHeading(() => router.state.status === 'idle' && !router.state.isLoading);
      }),
    [router],
  );

  const registryHref = (page: 'hierarchy' | 'tokens' | 'scope-maps' | 'access-review') =>
    registry
      ? `/registries/${enc(registry.subscriptionId)}/${enc(registry.resourceGroup)}/${enc(registry.registryName)}/${page}`
      : `/registries?for=${page}`;

  // The review of the registry in the URL (not a remembered one: the chooser is
  // the honest answer when no registry is in view).
  const accessReviewHref = hasRegistryInUrl(pathname)
    ? registryHref('access-review')
    : '/access-review';

  // Plain links (they open in a new tab, and read as links) that navigate in-app on a normal click.
  const follow = (href: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    router.history.push(href);
  };

  const registryItem = (
    value: 'hierarchy' | 'tokens' | 'scope-maps',
    label: string,
    icon: ReactElement,
  ) => {
    const href = registryHref(value);
    return (
      <SideNavLink href={href} selected={selected === value} icon={icon} onClick={follow(href)}>
        {label}
        {registry ? null : <VisuallyHidden> (choose a registry first)</VisuallyHidden>}
      </SideNavLink>
    );
  };

  const skipToMain = (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };

  return (
    <NotifyProvider>
      <div className={styles.root}>
        <a href="#main" className={styles.skip} onClick={skipToMain}>
          Skip to main content
        </a>
        <ProductHeader context={registry?.registryName} className={styles.header}>
          <UserMenu me={me} />
        </ProductHeader>
        <div className={styles.body}>
          <SideNav className={styles.nav} aria-label="Console">
            <div className={styles.navBody}>
              <SideNavLink
                href="/registries"
                selected={selected === 'registries'}
                icon={<ServerMultiple20Regular />}
                onClick={follow('/registries')}
              >
                Registries
              </SideNavLink>
              <SideNavSectionHeader>
                {registry ? registry.registryName : 'Registry'}
              </SideNavSectionHeader>
              {registryItem('hierarchy', 'Hierarchy', <TextBulletListTree20Regular />)}
              {registryItem('tokens', 'Tokens', <Key20Regular />)}
              {registryItem('scope-maps', 'Scope maps', <LockClosedKey20Regular />)}
              <SideNavSectionHeader>Review</SideNavSectionHeader>
              <SideNavLink
                href={accessReviewHref}
                selected={selected === 'access-review'}
                icon={<ClipboardTaskListLtr20Regular />}
                onClick={follow(accessReviewHref)}
              >
                Access review
              </SideNavLink>
              <SideNavLink
                href="/audit"
                selected={selected === 'audit'}
                icon={<History20Regular />}
                onClick={follow('/audit')}
              >
                Audit log
              </SideNavLink>
            </div>
          </SideNav>
          <main id="main" tabIndex={-1} className={styles.main}>
            {children}
          </main>
        </div>
        <NotificationArea />
      </div>
    </NotifyProvider>
  );
}
