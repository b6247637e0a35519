/**
 * GET /subscriptions/{sub}/resources (Microsoft.Resources "generic list"):
 * the subscription's resources in ARM's short form, only those the caller may
 * read. The az CLI finds a registry's resource group with
 * `$filter=resourceType eq 'Microsoft.ContainerRegistry/registries'`.
 * Registries are the only top-level resources the emulator holds.
 */
import type { ArmResponse, RequestContext } from '../context';
import { canRead } from '../auth';
import { invalidParameter } from '../errors';
import { page } from '../paging';
import { lower, registryId } from '../state';
import { TYPES } from './common';

/** The resource type a `$filter` asks for; undefined = no filter (every type). */
export function resourceTypeFilter(raw: string | null): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const m = /^\s*resourceType\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(raw);
  if (m?.[1] === undefined) {
    throw invalidParameter(
      '$filter',
      `The $filter '${raw}' is not supported. Only "resourceType eq '<namespace>/<type>'" is supported.`,
    );
  }
  return m[1].replace(/''/g, "'");
}

export function listResources(ctx: RequestContext): ArmResponse {
  const wanted = resourceTypeFilter(ctx.url.searchParams.get('$filter'));
  const { subscriptionId } = ctx.params;
  const items =
    wanted !== undefined && lower(wanted) !== lower(TYPES.registry)
      ? []
      : [...ctx.state.registries.values()].filter(
          (r) =>
            lower(r.subscriptionId) === lower(subscriptionId) &&
            canRead(ctx.state, ctx.principal, registryId(r)),
        );
  return {
    status: 200,
    body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize, (r) => ({
      id: registryId(r),
      name: r.name,
      type: TYPES.registry,
      sku: { name: r.sku, tier: r.sku },
      location: r.location,
      tags: { ...r.tags },
    })),
  };
}
