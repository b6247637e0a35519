import { nameRules } from '@latchkey/domain';
import { useEffect } from 'react';

export const productName = 'Latchkey';

/** "Tokens · contosoregistry · Latchkey": the page first, the registry, the product last. */
export function pageTitle(...parts: Array<string | undefined>): string {
  return [...parts.filter((p): p is string => Boolean(p)), productName].join(' · ');
}

/** Names the browser tab while a page outside the route table (signed out, no access, not found) is shown. */
export function usePageTitle(...parts: Array<string | undefined>): void {
  const title = pageTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const reviewTabs: Record<string, string> = {
  findings: 'findings',
  'who-can-access': 'who can access',
  matrix: 'matrix',
  clients: 'clients',
};

/**
 * The tab title of a console route, from its path (and the access review's
 * tab): one table for every page, so no page can forget to name itself.
 * Undefined for a path that is no console page (the not-found page names itself).
 */
export function titleForLocation(pathname: string, tab?: string): string | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/registries') return pageTitle('Registries');
  if (path === '/access-review') return pageTitle('Access review');
  if (path === '/audit') return pageTitle('Audit log');
  const m = /^\/registries\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return undefined;
  const [subscription, group, registry] = [m[1]!, m[2]!, m[3]!].map(decode) as [
    string,
    string,
    string,
  ];
  // A malformed address names no registry: the page says what is wrong, and titles itself.
  if (
    !nameRules.subscriptionId.pattern.test(subscription) ||
    !nameRules.resourceGroup.pattern.test(group) ||
    !nameRules.registry.pattern.test(registry)
  )
    return undefined;
  const page = m[4];
  const item = m[5] === undefined ? undefined : decode(m[5]);
  if (page === undefined || page === 'hierarchy')
    return item === undefined ? pageTitle('Hierarchy', registry) : undefined;
  if (page === 'tokens') return pageTitle(item ? `Token ${item}` : 'Tokens', registry);
  if (page === 'scope-maps') return pageTitle(item ? `Scope map ${item}` : 'Scope maps', registry);
  if (page === 'access-review' && item === undefined)
    return pageTitle(`Access review: ${reviewTabs[tab ?? 'findings'] ?? 'findings'}`, registry);
  return undefined;
}
