import { makeStyles, tokens } from '@fluentui/react-components';
import { ChevronRight12Regular } from '@fluentui/react-icons';
import { useRouter } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { registryHref } from '../lib/registry-href';
import type { RegistryParams } from '../lib/registry-ref';

export interface Crumb {
  label: string;
  /** In-app path; the last crumb (the page itself) has none. */
  href?: string;
}

// The WAI-ARIA breadcrumb pattern in plain HTML: Fluent's Breadcrumb (with its
// overflow and tooltip machinery) weighed ~20 KB gzip on every first page.
const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  link: {
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    ':hover': { color: tokens.colorNeutralForeground2Hover, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
  },
  divider: { display: 'inline-flex', color: tokens.colorNeutralForeground3 },
});

/**
 * Where this page sits, as links: Registries › contosoregistry › Tokens ›
 * north-build-agent. The last item is the page itself (aria-current), not a link.
 */
export function PageBreadcrumb({ items }: { items: readonly Crumb[] }) {
  const styles = useStyles();
  const router = useRouter();
  const follow = (href: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    router.history.push(href);
  };
  return (
    <nav aria-label="Breadcrumb">
      <ol className={styles.list}>
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.label}`} className={styles.item}>
              {item.href && !last ? (
                <a className={styles.link} href={item.href} onClick={follow(item.href)}>
                  {item.label}
                </a>
              ) : (
                <span className={styles.current} aria-current={last ? 'page' : undefined}>
                  {item.label}
                </span>
              )}
              {last ? null : (
                <span className={styles.divider} aria-hidden="true">
                  <ChevronRight12Regular />
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

type RegistryPage = 'hierarchy' | 'tokens' | 'scope-maps' | 'access-review';
const pageLabels: Record<RegistryPage, string> = {
  hierarchy: 'Hierarchy',
  tokens: 'Tokens',
  'scope-maps': 'Scope maps',
  'access-review': 'Access review',
};

/**
 * The breadcrumb of a registry page: Registries › {registry} › {page} [› {item}].
 * The registry crumb leads to its first page (the hierarchy).
 */
export function RegistryBreadcrumb({
  registry,
  page,
  item,
}: {
  registry: RegistryParams;
  page: RegistryPage;
  /** The token or scope map a detail page shows. */
  item?: string;
}) {
  const items: Crumb[] = [
    { label: 'Registries', href: '/registries' },
    { label: registry.registryName, href: registryHref(registry, 'hierarchy') },
    { label: pageLabels[page], href: registryHref(registry, page) },
  ];
  if (item) items.push({ label: item });
  return <PageBreadcrumb items={items} />;
}
