/**
 * GET /subscriptions and GET /tenants (Microsoft.Resources): what the caller's
 * token can see, so a console can discover where registries live.
 */
import type { ArmResponse, RequestContext } from '../context';
import { hasAnyAtOrBelow } from '../auth';
import { subscriptionNotFound } from '../errors';
import { page } from '../paging';
import { lower } from '../state';
import type { ScenarioSubscription } from '../../scenario/types';

function subscriptionWire(s: ScenarioSubscription): unknown {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

function visible(ctx: RequestContext, s: ScenarioSubscription): boolean {
  return (
    lower(s.tenantId) === lower(ctx.principal.tenantId) &&
    hasAnyAtOrBelow(ctx.state, ctx.principal, `/subscriptions/${s.subscriptionId}`)
  );
}

export function listSubscriptions(ctx: RequestContext): ArmResponse {
  const items = [...ctx.state.subscriptions.values()]
    .filter((s) => visible(ctx, s))
    .map(subscriptionWire);
  return { status: 200, body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize) };
}

export function getSubscription(ctx: RequestContext): ArmResponse {
  const s = ctx.state.subscriptions.get(lower(ctx.params.subscriptionId));
  if (!s || !visible(ctx, s)) throw subscriptionNotFound(ctx.params.subscriptionId);
  return { status: 200, body: subscriptionWire(s) };
}

export function listTenants(ctx: RequestContext): ArmResponse {
  const items = ctx.state.scenario.tenants
    .filter((t) => lower(t.id) === lower(ctx.principal.tenantId))
    .map((t) => ({
      id: `/tenants/${t.id}`,
      tenantId: t.id,
      countryCode: 'US',
      displayName: t.displayName,
      domains: [t.defaultDomain],
      tenantCategory: 'Home',
      defaultDomain: t.defaultDomain,
      tenantType: 'AAD',
    }));
  return { status: 200, body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize) };
}
