/**
 * The route table: path shape + verb → operation id (as in the reference
 * table), the RBAC action it needs, and its handler.
 */
import type { Handler, RouteParams } from './context';
import * as cr from './resources/connected-registries';
import * as generic from './resources/generic-resources';
import * as ops from './resources/operations';
import * as perms from './resources/permissions';
import * as reg from './resources/registries';
import * as sm from './resources/scope-maps';
import * as subs from './resources/subscriptions';
import * as tok from './resources/tokens';

export type Family = 'registry' | 'resources' | 'monitor';

export interface Operation {
  operationId: string;
  handler: Handler;
  family: Family;
  /** RBAC: `filter` = the handler filters what it returns; `none` = authentication only. */
  rbac: { action: string; write: boolean; scope: 'registry' | 'resource' } | 'filter' | 'none';
}

export interface Route {
  params: RouteParams;
  operations: Partial<Record<string, Operation>>;
}

const NS = 'Microsoft.ContainerRegistry/registries';
const read = (action: string, scope: 'registry' | 'resource' = 'resource') => ({
  action,
  write: false,
  scope,
});
const write = (action: string, scope: 'registry' | 'resource' = 'resource') => ({
  action,
  write: true,
  scope,
});

function op(
  operationId: string,
  handler: Handler,
  rbac: Operation['rbac'],
  family: Family = 'registry',
): Operation {
  return { operationId, handler, rbac, family };
}

function childOperations(
  segment: string,
  prefix: string,
  h: {
    list: Handler;
    get: Handler;
    put: Handler;
    patch: Handler;
    del: Handler;
  },
): { collection: Route['operations']; item: Route['operations'] } {
  const action = `${NS}/${segment}`;
  return {
    collection: { GET: op(`${prefix}_List`, h.list, read(`${action}/read`, 'registry')) },
    item: {
      GET: op(`${prefix}_Get`, h.get, read(`${action}/read`)),
      PUT: op(`${prefix}_Create`, h.put, write(`${action}/write`)),
      PATCH: op(`${prefix}_Update`, h.patch, write(`${action}/write`)),
      DELETE: op(`${prefix}_Delete`, h.del, write(`${action}/delete`)),
    },
  };
}

const CHILDREN: Record<string, ReturnType<typeof childOperations>> = {
  connectedregistries: childOperations('connectedRegistries', 'ConnectedRegistries', {
    list: cr.listConnectedRegistries,
    get: cr.getConnectedRegistry,
    put: cr.putConnectedRegistry,
    patch: cr.patchConnectedRegistry,
    del: cr.deleteConnectedRegistry,
  }),
  tokens: childOperations('tokens', 'Tokens', {
    list: tok.listTokens,
    get: tok.getToken,
    put: tok.putToken,
    patch: tok.patchToken,
    del: tok.deleteToken,
  }),
  scopemaps: childOperations('scopeMaps', 'ScopeMaps', {
    list: sm.listScopeMaps,
    get: sm.getScopeMap,
    put: sm.putScopeMap,
    patch: sm.patchScopeMap,
    del: sm.deleteScopeMap,
  }),
};

const MONITOR: Route['operations'] = {
  GET: op('OperationStatuses_Get', ops.getOperationStatus, 'none', 'monitor'),
};

/** `providers/Microsoft.Authorization/permissions` (lower-cased segments). */
const isPermissions = (s: string[]) =>
  s.length === 3 &&
  s[0] === 'providers' &&
  s[1] === 'microsoft.authorization' &&
  s[2] === 'permissions';

/** Matches a decoded path; undefined = no such route. */
export function matchRoute(pathname: string): Route | undefined {
  const segs = pathname.split('/').filter((s) => s !== '');
  const l = segs.map((s) => s.toLowerCase());
  const params: RouteParams = {
    subscriptionId: '',
    resourceGroup: '',
    registryName: '',
    childName: '',
    operationId: '',
  };
  const route = (operations: Route['operations']): Route => ({ params, operations });

  if (l.length === 1 && l[0] === 'tenants') {
    return route({ GET: op('Tenants_List', subs.listTenants, 'none', 'resources') });
  }
  if (l[0] !== 'subscriptions') return undefined;
  if (l.length === 1)
    return route({ GET: op('Subscriptions_List', subs.listSubscriptions, 'none', 'resources') });
  params.subscriptionId = segs[1] ?? '';
  if (l.length === 2)
    return route({ GET: op('Subscriptions_Get', subs.getSubscription, 'none', 'resources') });

  if (l.length === 3 && l[2] === 'resources') {
    return route({ GET: op('Resources_List', generic.listResources, 'filter', 'resources') });
  }

  // /subscriptions/{sub}/providers/Microsoft.ContainerRegistry/...
  if (l[2] === 'providers' && l[3] === 'microsoft.containerregistry') {
    if (l.length === 5 && l[4] === 'registries') {
      return route({
        GET: op('Registries_List', (ctx) => reg.listRegistries(ctx, false), 'filter'),
      });
    }
    if (l.length === 8 && l[4] === 'locations' && l[6] === 'operationresults') {
      params.childName = segs[7] ?? '';
      return route({ GET: op('OperationResults_Get', ops.getOperationResult, 'none', 'monitor') });
    }
    return undefined;
  }
  if (l[2] !== 'resourcegroups' || l.length < 4) return undefined;
  params.resourceGroup = segs[3] ?? '';
  if (l.length === 7 && isPermissions(l.slice(4))) {
    return route({
      GET: op('Permissions_ListForResourceGroup', perms.listForResourceGroup, 'none', 'resources'),
    });
  }
  if (l[4] !== 'providers' || l[5] !== 'microsoft.containerregistry' || l[6] !== 'registries')
    return undefined;
  if (l.length === 7) {
    return route({
      GET: op('Registries_ListByResourceGroup', (ctx) => reg.listRegistries(ctx, true), 'filter'),
    });
  }
  params.registryName = segs[7] ?? '';
  if (l.length === 8) {
    return route({
      GET: op('Registries_Get', reg.getRegistry, read(`${NS}/read`)),
      PATCH: op('Registries_Update', reg.patchRegistry, write(`${NS}/write`)),
    });
  }
  const rest = l.slice(8);
  if (isPermissions(rest)) {
    return route({
      GET: op('Permissions_ListForResource', perms.listForResource, 'none', 'resources'),
    });
  }
  if (rest.length === 1 && rest[0] === 'generatecredentials') {
    return route({
      POST: op(
        'Registries_GenerateCredentials',
        reg.generateCredentials,
        write(`${NS}/generateCredentials/action`, 'registry'),
      ),
    });
  }
  if (rest.length === 2 && rest[0] === 'operationstatuses') {
    params.childName = segs[9] ?? '';
    return route(MONITOR);
  }
  const children = CHILDREN[rest[0] ?? ''];
  if (!children) return undefined;
  if (rest.length === 1) return route(children.collection);
  params.childName = segs[9] ?? '';
  if (rest.length === 2) return route(children.item);
  if (rest.length === 3 && rest[0] === 'connectedregistries' && rest[2] === 'deactivate') {
    return route({
      POST: op(
        'ConnectedRegistries_Deactivate',
        cr.deactivateConnectedRegistry,
        write(`${NS}/connectedRegistries/deactivate/action`),
      ),
    });
  }
  if (rest.length === 4 && rest[2] === 'operationstatuses') {
    params.childName = segs[11] ?? '';
    return route(MONITOR);
  }
  return undefined;
}
