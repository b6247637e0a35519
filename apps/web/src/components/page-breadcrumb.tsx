import {
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
} from '@fluentui/react-components';
import { useRouter } from '@tanstack/react-router';
import { Fragment, type MouseEvent } from 'react';
import { registryHref } from '../lib/registry-href';
import type { RegistryParams } from '../lib/registry-ref';

export interface Crumb {
  label: string;
  /** In-app path; the last crumb (the page itself) has none. */
  href?: string;
}

/**
 * Where this page sits, as links: Registries › contosoregistry › Tokens ›
 * north-build-agent. The last item is the page itself (aria-current), not a link.
 */
export function PageBreadcrumb({ items }: { items: readonly Crumb[] }) {
  const router = useRouter();
  const follow = (href: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    router.history.push(href);
  };
  return (
    <Breadcrumb aria-label="Breadcrumb" size="small">
      {items.map((item, i) => {
        const last = i === items.length - 1;
        return (
          <Fragment key={`${i}-${item.label}`}>
            <BreadcrumbItem>
              {item.href && !last ? (
                <BreadcrumbButton as="a" href={item.href} onClick={follow(item.href)}>
                  {item.label}
                </BreadcrumbButton>
              ) : (
                <BreadcrumbButton current={last}>{item.label}</BreadcrumbButton>
              )}
            </BreadcrumbItem>
            {last ? null : <BreadcrumbDivider />}
          </Fragment>
        );
      })}
    </Breadcrumb>
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
