/**
 * Helpers shared by the resource handlers: lookups that fail the ARM way,
 * systemData stamping, body-shape checks and LRO responses.
 */
import type { RequestContext, ArmResponse } from '../context';
import { invalidContent, resourceGroupNotFound, resourceNotFound } from '../errors';
import type { LroOutcome } from '../lro';
import { lower, registryId, type RegistryRec, type SystemDataRec } from '../state';

export const TYPES = {
  registry: 'Microsoft.ContainerRegistry/registries',
  connectedRegistry: 'Microsoft.ContainerRegistry/registries/connectedRegistries',
  token: 'Microsoft.ContainerRegistry/registries/tokens',
  scopeMap: 'Microsoft.ContainerRegistry/registries/scopeMaps',
} as const;

export function nowIso(ctx: RequestContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

export function createdSystemData(ctx: RequestContext): SystemDataRec {
  const at = nowIso(ctx);
  const { displayId, type } = ctx.principal;
  return {
    createdBy: displayId,
    createdByType: type,
    createdAt: at,
    lastModifiedBy: displayId,
    lastModifiedByType: type,
    lastModifiedAt: at,
  };
}

export function touch(ctx: RequestContext, sd: SystemDataRec): SystemDataRec {
  return {
    ...sd,
    lastModifiedBy: ctx.principal.displayId,
    lastModifiedByType: ctx.principal.type,
    lastModifiedAt: nowIso(ctx),
  };
}

/** The registry of the route, or ARM's 404 (resource group first, then the registry). */
export function findRegistry(ctx: RequestContext): RegistryRec {
  const { subscriptionId, resourceGroup, registryName } = ctx.params;
  const reg = ctx.state.registry(subscriptionId, resourceGroup, registryName);
  if (reg) return reg;
  if (!ctx.state.hasResourceGroup(subscriptionId, resourceGroup))
    throw resourceGroupNotFound(resourceGroup);
  throw resourceNotFound(`${TYPES.registry}/${registryName}`, resourceGroup);
}

export function childNotFound(ctx: RequestContext, reg: RegistryRec, segment: string): never {
  throw resourceNotFound(
    `${TYPES.registry}/${reg.name}/${segment}/${ctx.params.childName}`,
    reg.resourceGroup,
  );
}

export function childId(reg: RegistryRec, segment: string, name: string): string {
  return `${registryId(reg)}/${segment}/${name}`;
}

/**
 * Resolves an ARM id of a child resource of `reg` (case-insensitive) to its
 * name, or undefined when it points elsewhere or is malformed.
 */
export function nameFromChildId(reg: RegistryRec, segment: string, id: string): string | undefined {
  const prefix = lower(`${registryId(reg)}/${segment}/`);
  const value = lower(id);
  if (!value.startsWith(prefix)) return undefined;
  const name = id.slice(prefix.length);
  return name && !name.includes('/') ? name : undefined;
}

// ---------------------------------------------------------------------------
// Body shape checks. Type errors are deserialisation failures (InvalidRequestContent).

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requireBody(ctx: RequestContext, typeName: string): Json {
  if (!isObject(ctx.body)) throw invalidContent(`Expected a JSON object of type '${typeName}'`);
  return ctx.body;
}

/** Top-level keys ARM tolerates on any resource body; the rest are unknown members. */
const ENVELOPE_KEYS = [
  'id',
  'name',
  'type',
  'systemData',
  'properties',
  'location',
  'tags',
  'sku',
  'identity',
];

export function checkKeys(
  obj: Json,
  allowed: readonly string[],
  typeName: string,
  path: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw invalidContent(
        `Could not find member '${key}' on object of type '${typeName}'. Path '${path ? `${path}.` : ''}${key}'`,
        path ? `${path}.${key}` : key,
      );
    }
  }
}

export function properties(
  body: Json,
  typeName: string,
  allowed: readonly string[],
  required: boolean,
): Json {
  checkKeys(body, ENVELOPE_KEYS, typeName, '');
  const props = body.properties;
  if (props === undefined || props === null) {
    if (required)
      throw invalidContent(
        `Required property 'properties' not found in JSON of type '${typeName}'`,
        'properties',
      );
    return {};
  }
  if (!isObject(props))
    throw invalidContent(`Property 'properties' must be an object`, 'properties');
  checkKeys(props, allowed, `${typeName}Properties`, 'properties');
  return props;
}

export function optString(obj: Json, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw invalidContent(
      `Error converting value ${JSON.stringify(v)} to type 'String'. Path '${path}'`,
      path,
    );
  return v;
}

export function optBool(obj: Json, key: string, path: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw invalidContent(
      `Error converting value ${JSON.stringify(v)} to type 'Boolean'. Path '${path}'`,
      path,
    );
  return v;
}

export function optStringArray(obj: Json, key: string, path: string): string[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw invalidContent(`Error converting value to type 'String[]'. Path '${path}'`, path);
  }
  return v as string[];
}

export function optObject(
  obj: Json,
  key: string,
  path: string,
  allowed: readonly string[],
  typeName: string,
): Json | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidContent(`Property '${path}' must be an object`, path);
  checkKeys(v, allowed, typeName, path);
  return v;
}

// ---------------------------------------------------------------------------
// LRO responses (absolute https URLs on the emulator's origin)

export function retryAfter(ctx: RequestContext): Record<string, string> {
  return { 'retry-after': String(ctx.settings.lroRetryAfterSeconds) };
}

function apiVersionQuery(ctx: RequestContext): string {
  return `api-version=${encodeURIComponent(ctx.url.searchParams.get('api-version') ?? '')}`;
}

/**
 * 201 + Azure-AsyncOperation (PUT/PATCH). The monitor lives under the resource:
 * `{resource}/operationStatuses/{prefix}-{guid}`.
 */
export function asyncAccepted(
  ctx: RequestContext,
  input: {
    resourcePath: string;
    prefix: string;
    runningStatus: 'Creating' | 'Updating';
    outcome: LroOutcome;
    body: unknown;
    onFinish?: (succeeded: boolean) => void;
  },
): ArmResponse {
  const op = ctx.lro.start({
    prefix: input.prefix,
    monitorPath: input.resourcePath,
    resultPath: input.resourcePath,
    runningStatus: input.runningStatus,
    polls: ctx.settings.lroPolls,
    outcome: input.outcome,
    ...(input.onFinish ? { onFinish: input.onFinish } : {}),
  });
  const monitor = `${ctx.origin}${input.resourcePath}/operationStatuses/${op.id}?${apiVersionQuery(ctx)}`;
  return {
    status: 201,
    body: input.body,
    headers: { 'azure-asyncoperation': monitor, ...retryAfter(ctx) },
  };
}

/**
 * 202 + Location (+ Azure-AsyncOperation, so a failure carries an error body)
 * for DELETE and POST actions. Location is the operation result:
 * `/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/locations/{loc}/operationResults/{id}`.
 */
export function locationAccepted(
  ctx: RequestContext,
  input: {
    reg: RegistryRec;
    monitorUnder: string;
    prefix: string;
    runningStatus: string;
    outcome: LroOutcome;
    onFinish?: (succeeded: boolean) => void;
    result?: unknown;
  },
): ArmResponse {
  const resultBase = `/subscriptions/${input.reg.subscriptionId}/providers/Microsoft.ContainerRegistry/locations/${input.reg.location}/operationResults`;
  const op = ctx.lro.start({
    prefix: input.prefix,
    monitorPath: input.monitorUnder,
    resultPath: resultBase,
    runningStatus: input.runningStatus,
    polls: ctx.settings.lroPolls,
    outcome: input.outcome,
    ...(input.onFinish ? { onFinish: input.onFinish } : {}),
    ...(input.result !== undefined ? { result: input.result } : {}),
  });
  const q = apiVersionQuery(ctx);
  return {
    status: 202,
    headers: {
      location: `${ctx.origin}${resultBase}/${op.id}?${q}`,
      'azure-asyncoperation': `${ctx.origin}${input.monitorUnder}/operationStatuses/${op.id}?${q}`,
      ...retryAfter(ctx),
    },
  };
}

/**
 * Stored records are immutable (their JSON is cached by identity, see
 * state.ts): a change stores a new object, and only if nobody replaced the
 * record in the meantime (an LRO finishing late must not undo a newer write).
 */
export function replaceRecord<T extends { name: string }>(
  map: Map<string, T>,
  current: T,
  next: T,
): boolean {
  const key = lower(current.name);
  if (map.get(key) !== current) return false;
  map.set(key, next);
  return true;
}
