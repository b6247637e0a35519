import { createRootRoute, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { RouteError } from '../components/route-error';
import { AccessReviewChooserPage } from '../features/access-review/routes/access-review-chooser-page';
import { AccessReviewPage } from '../features/access-review/routes/access-review-page';
import { validateAccessReviewSearch } from '../features/access-review/utils/access-review-search';
import { AuditPage } from '../features/audit/routes/audit-page';
import { validateAuditSearch } from '../features/audit/utils/audit-search';
import { HierarchyPage } from '../features/hierarchy/routes/hierarchy-page';
import { validateHierarchySearch } from '../features/hierarchy/utils/hierarchy-search';
import { RegistriesPage } from '../features/registries/routes/registries-page';
import {
  ScopeMapDetailPage,
  validateScopeMapDetailSearch,
} from '../features/scope-maps/routes/scope-map-detail-page';
import { ScopeMapsPage } from '../features/scope-maps/routes/scope-maps-page';
import { TokenDetailPage } from '../features/tokens/routes/token-detail-page';
import { TokensPage } from '../features/tokens/routes/tokens-page';
import {
  validateTokenDetailSearch,
  validateTokensSearch,
} from '../features/tokens/utils/tokens-search';
import { NotFoundPage } from './not-found';
import { RootLayout } from './root-layout';

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
  component: RegistriesPage,
});

/** Everything about one registry carries it in the URL, so any page can be linked to. */
const registryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registries/$subscriptionId/$resourceGroup/$registryName',
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
  component: HierarchyPage,
});

const tokensRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'tokens',
  validateSearch: validateTokensSearch,
  component: TokensPage,
});

const tokenRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'tokens/$tokenName',
  validateSearch: validateTokenDetailSearch,
  component: TokenDetailPage,
});

const scopeMapsRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'scope-maps',
  component: ScopeMapsPage,
});

const scopeMapRoute = createRoute({
  getParentRoute: () => registryRoute,
  path: 'scope-maps/$scopeMapName',
  validateSearch: validateScopeMapDetailSearch,
  component: ScopeMapDetailPage,
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
  component: AccessReviewPage,
});

/** The top-level entry: a list of registries, each leading to its review. */
const accessReviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/access-review',
  component: AccessReviewChooserPage,
});

/** The console's own log, across registries. */
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: validateAuditSearch,
  component: AuditPage,
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
