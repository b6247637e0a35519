/**
 * Registries (reference §2.1, §2.5): list, get, PATCH (dataEndpointEnabled and
 * friends; 201 + Azure-AsyncOperation like the live service) and
 * generateCredentials (202 + Location; the final GET of Location returns the
 * passwords, the only place their values ever appear).
 */
import { randomBytes } from 'node:crypto';
import type { ArmResponse, RequestContext } from '../context';
import { canRead } from '../auth';
import { badRequest, invalidContent, invalidParameter, resourceGroupNotFound } from '../errors';
import { page } from '../paging';
import { lower, registryId, type PasswordRec, type RegistryRec } from '../state';
import {
  asyncAccepted,
  findRegistry,
  isObject,
  locationAccepted,
  nameFromChildId,
  nowIso,
  optBool,
  optString,
  properties,
  replaceRecord,
  requireBody,
  touch,
  TYPES,
} from './common';
import { dataEndpointHost } from './connected-registries';
import { PASSWORD_NAMES } from './tokens';

const MAX_EXPIRY = '9999-12-31T23:59:59.999Z';
const PATCH_PROPS = [
  'adminUserEnabled',
  'networkRuleSet',
  'policies',
  'encryption',
  'dataEndpointEnabled',
  'publicNetworkAccess',
  'networkRuleBypassOptions',
  'networkRuleBypassAllowedForTasks',
  'anonymousPullEnabled',
  'roleAssignmentMode',
];

export function registryWire(reg: RegistryRec, provisioningState?: string): unknown {
  return {
    id: registryId(reg),
    name: reg.name,
    type: TYPES.registry,
    location: reg.location,
    tags: { ...reg.tags },
    systemData: reg.systemData,
    sku: { name: reg.sku, tier: reg.sku },
    properties: {
      loginServer: `${lower(reg.name)}.azurecr.io`,
      creationDate: reg.systemData.createdAt,
      provisioningState: provisioningState ?? reg.provisioningState,
      adminUserEnabled: reg.adminUserEnabled,
      ...(reg.sku === 'Premium' ? { networkRuleSet: { defaultAction: 'Allow', ipRules: [] } } : {}),
      policies: {
        quarantinePolicy: { status: 'disabled' },
        trustPolicy: { type: 'Notary', status: 'disabled' },
        // The policies were never changed, so they were last updated when the registry was created.
        retentionPolicy: { days: 7, lastUpdatedTime: reg.systemData.createdAt, status: 'disabled' },
        exportPolicy: { status: 'enabled' },
        azureADAuthenticationAsArmPolicy: { status: 'enabled' },
        softDeletePolicy: {
          retentionDays: 7,
          lastUpdatedTime: reg.systemData.createdAt,
          status: 'disabled',
        },
      },
      // No `status`, `identity` or `encryption.keyVaultProperties`: Azure sends them only for a
      // registry with a status message, a managed identity or a customer-managed key (README).

      encryption: { status: 'disabled' },
      dataEndpointEnabled: reg.dataEndpointEnabled,
      dataEndpointHostNames: reg.dataEndpointEnabled ? [dataEndpointHost(reg)] : [],
      privateEndpointConnections: [],
      publicNetworkAccess: 'Enabled',
      networkRuleBypassOptions: 'AzureServices',
      zoneRedundancy: 'Disabled',
      anonymousPullEnabled: false,
    },
  };
}

/** Lists show only registries the caller can read (ARM filters, it does not refuse). */
export function listRegistries(ctx: RequestContext, byResourceGroup: boolean): ArmResponse {
  const { subscriptionId, resourceGroup } = ctx.params;
  if (byResourceGroup && !ctx.state.hasResourceGroup(subscriptionId, resourceGroup)) {
    // An unknown group is 404 for callers who could see it; others learn nothing.
    if (
      canRead(
        ctx.state,
        ctx.principal,
        `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`,
      )
    ) {
      throw resourceGroupNotFound(resourceGroup);
    }
  }
  const items = [...ctx.state.registries.values()]
    .filter(
      (r) =>
        lower(r.subscriptionId) === lower(subscriptionId) &&
        (!byResourceGroup || lower(r.resourceGroup) === lower(resourceGroup)) &&
        canRead(ctx.state, ctx.principal, registryId(r)),
    )
    .map((r) => registryWire(r));
  return { status: 200, body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize) };
}

export function getRegistry(ctx: RequestContext): ArmResponse {
  return { status: 200, body: registryWire(findRegistry(ctx)) };
}

export function patchRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const body = requireBody(ctx, 'RegistryUpdateParameters');
  const props = properties(body, 'RegistryUpdateParameters', PATCH_PROPS, false);
  const dataEndpointEnabled = optBool(
    props,
    'dataEndpointEnabled',
    'properties.dataEndpointEnabled',
  );
  const adminUserEnabled = optBool(props, 'adminUserEnabled', 'properties.adminUserEnabled');
  let sku = reg.sku;
  if (body.sku !== undefined && body.sku !== null) {
    if (!isObject(body.sku)) throw invalidContent("Property 'sku' must be an object", 'sku');
    const name = optString(body.sku, 'name', 'sku.name');
    const found = ['Basic', 'Standard', 'Premium'].find((s) => lower(s) === lower(name ?? ''));
    if (!found)
      throw invalidParameter(
        'sku.name',
        `The SKU '${String(name)}' is invalid. Allowed values are 'Basic', 'Standard' and 'Premium'.`,
      );
    sku = found as RegistryRec['sku'];
  }
  let tags = reg.tags;
  if (body.tags !== undefined && body.tags !== null) {
    if (!isObject(body.tags) || Object.values(body.tags).some((v) => typeof v !== 'string')) {
      throw invalidContent("Property 'tags' must be an object of strings", 'tags');
    }
    tags = { ...(body.tags as Record<string, string>) };
  }
  const endpointsOn = dataEndpointEnabled ?? reg.dataEndpointEnabled;
  if (endpointsOn && sku !== 'Premium') {
    throw badRequest(
      'Dedicated data endpoints are only available on Premium registries.',
      'properties.dataEndpointEnabled',
    );
  }
  if (sku !== 'Premium' && reg.connectedRegistries.size > 0) {
    throw badRequest('A registry with connected registries must stay Premium.', 'sku.name');
  }
  const outcome = ctx.takeLroOutcome();
  const apply = (): void => {
    reg.sku = sku;
    reg.tags = tags;
    reg.dataEndpointEnabled = endpointsOn;
    if (adminUserEnabled !== undefined) reg.adminUserEnabled = adminUserEnabled;
    reg.systemData = touch(ctx, reg.systemData);
  };
  if (outcome === 'succeed') {
    apply();
    ctx.changed();
  }
  return asyncAccepted(ctx, {
    resourcePath: registryId(reg),
    prefix: 'registries',
    runningStatus: 'Updating',
    outcome,
    body: registryWire(reg, 'Updating'),
  });
}

function password(): string {
  // ACR passwords are 52 characters of base64; these are as strong (39 random bytes).
  return randomBytes(39).toString('base64');
}

export function generateCredentials(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const body = ctx.body === undefined ? {} : requireBody(ctx, 'GenerateCredentialsParameters');
  for (const key of Object.keys(body)) {
    if (!['tokenId', 'expiry', 'name'].includes(key)) {
      throw invalidContent(
        `Could not find member '${key}' on object of type 'GenerateCredentialsParameters'. Path '${key}'`,
        key,
      );
    }
  }
  const tokenId = optString(body, 'tokenId', 'tokenId');
  if (tokenId === undefined) throw badRequest("The property 'tokenId' is required.", 'tokenId');
  const tokenName = nameFromChildId(reg, 'tokens', tokenId);
  const token = tokenName === undefined ? undefined : reg.tokens.get(lower(tokenName));
  if (!token)
    throw invalidParameter(
      'tokenId',
      `The token '${tokenId}' was not found in registry '${reg.name}'.`,
    );
  const expiryRaw = optString(body, 'expiry', 'expiry');
  let expiry: string | undefined;
  if (expiryRaw !== undefined) {
    const at = Date.parse(expiryRaw);
    if (Number.isNaN(at))
      throw invalidContent(
        `Could not convert string to DateTime: ${expiryRaw}. Path 'expiry'`,
        'expiry',
      );
    if (at <= ctx.clock.now())
      throw invalidParameter('expiry', `The expiry '${expiryRaw}' must be in the future.`);
    expiry = new Date(Math.min(at, Date.parse(MAX_EXPIRY))).toISOString();
  }
  const nameRaw = optString(body, 'name', 'name');
  let names: PasswordRec['name'][] = [...PASSWORD_NAMES];
  if (nameRaw !== undefined) {
    const n = PASSWORD_NAMES.find((p) => p === lower(nameRaw));
    if (!n)
      throw invalidParameter(
        'name',
        `The password name '${nameRaw}' is invalid. Allowed values are 'password1' and 'password2'.`,
      );
    names = [n];
  }
  const outcome = ctx.takeLroOutcome();
  let result: unknown;
  if (outcome === 'succeed') {
    const creationTime = nowIso(ctx);
    const fresh: PasswordRec[] = names.map((name) => ({
      name,
      creationTime,
      ...(expiry ? { expiry } : {}),
    }));
    replaceRecord(reg.tokens, token, {
      ...token,
      passwords: [...token.passwords.filter((p) => !names.includes(p.name)), ...fresh].sort(
        (a, b) => a.name.localeCompare(b.name),
      ),
      systemData: touch(ctx, token.systemData),
    });
    ctx.changed();
    result = {
      username: token.name,
      passwords: fresh.map((p) => ({ ...p, value: password() })),
    };
  }
  return locationAccepted(ctx, {
    reg,
    monitorUnder: registryId(reg),
    prefix: 'registries',
    runningStatus: 'InProgress',
    outcome,
    ...(result !== undefined ? { result } : {}),
  });
}
