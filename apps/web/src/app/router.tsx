import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { RouteError } from '../components/route-error';
import { validateAccessReviewSearch } from '../features/access-review/utils/access-review-search';
import { validateAuditSearch } from '../features/audit/utils/audit-search';
import { validateHierarchySearch } from '../features/hierarchy/utils/hierarchy-search';
import { validateScopeMapDetailSearch } from '../features/scope-maps/utils/scope-map-detail-search';
import {
  validateTokenDetailSearch,
  validateTokensSearch,
} from '../features/tokens/utils/tokens-search';
import { NotFoundPage } from './not-found';
import { RegistryLayout } from './registry-layout';
import { RootLayout } from './root-layout';
import { validateRegistriesSearch } from '../features/registries/utils/registries-search';

// Every page is its own chunk, fetched when its route is first visited: a first
// load downloads the shell and that one page, not the access review, the audit
// log and every editor (the README's "Performance" section has the figures).
const rootRoute = createRootRoute({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/registries', replace: true });
  },
});

const registriesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registries',
  validateSearch: validateRegistriesSearch,
  component: lazyRouteComponent(
    () => import('../features/registries/routes/registries-page'),
    'RegistriesPage',
  ),
});

/** Everything about one registry carries it in the URL, so any page can be linked to. */
const registryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registries/$subscriptionId/$resourceGroup/$registryName',
  component: RegistryLayout,
});

const registryIndexRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({
      to: '/registries/$subscriptionId/$resourceGroup/$registryName/hierarchy',
      params,
      replace: true,
    });
  },
});

const hierarchyRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'hierarchy',
  validateSearch: validateHierarchySearch,
  component: lazyRouteComponent(
    () => import('../features/hierarchy/routes/hierarchy-page'),
    'HierarchyPage',
  ),
});

const tokensRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'tokens',
  validateSearch: validateTokensSearch,
  component: lazyRouteComponent(
    () => import('../features/tokens/routes/tokens-page'),
    'TokensPage',
  ),
});

const tokenRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'tokens/$tokenName',
  validateSearch: validateTokenDetailSearch,
  component: lazyRouteComponent(
    () => import('../features/tokens/routes/token-detail-page'),
    'TokenDetailPage',
  ),
});

const scopeMapsRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'scope-maps',
  component: lazyRouteComponent(
    () => import('../features/scope-maps/routes/scope-maps-page'),
    'ScopeMapsPage',
  ),
});

const scopeMapRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'scope-maps/$scopeMapName',
  validateSearch: validateScopeMapDetailSearch,
  component: lazyRouteComponent(
    () => import('../features/scope-maps/routes/scope-map-detail-page'),
    'ScopeMapDetailPage',
  ),
});

/** Rendered by RootLayout itself (no session needed); the route only makes the path known. */
const signedOutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signed-out',
  component: () => null,
});

/** Findings are per registry: the review lives under the registry, with its tabs and filters in the URL. */
const registryAccessReviewRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'access-review',
  validateSearch: validateAccessReviewSearch,
  component: lazyRouteComponent(
    () => import('../features/access-review/routes/access-review-page'),
    'AccessReviewPage',
  ),
});

/** The top-level entry: a list of registries, each leading to its review. */
const accessReviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/access-review',
  component: lazyRouteComponent(
    () => import('../features/access-review/routes/access-review-chooser-page'),
    'AccessReviewChooserPage',
  ),
});

/** The console's own log, across registries. */
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import('../features/audit/routes/audit-page'), 'AuditPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  registriesRoute,
  registryRoute.addChildren([
    registryIndexRoute,
    hierarchyRoute,
    tokensRoute,
    tokenRoute,
    scopeMapsRoute,
    scopeMapRoute,
    registryAccessReviewRoute,
  ]),
  accessReviewRoute,
  auditRoute,
  signedOutRoute,
]);

export const router = createRouter({
  routeTree,
  // Each route gets its own error boundary, inside the shell, so navigation survives a failing page.
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFoundPage,
  defaultPreload: false,
  // Links and navigations carry only validated search params: a stray or malformed one in
  // a pasted URL is dropped on the next navigation (pages also read theirs validated).
  search: { strict: true },
  // Pages read their search through `select` (their validator), which builds a new object on
  // every render; structural sharing keeps it the same object while its values are the same,
  // so effects keyed on it (the audit filters' form) do not reset on unrelated re-renders.
  defaultStructuralSharing: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
