/**
 * Scope maps (reference §2.4). The five system-defined maps exist on every
 * registry, listed first, and cannot be changed or deleted.
 */
import type { ArmResponse, RequestContext } from '../context';
import { ArmError, badRequest, invalidParameter } from '../errors';
import { checkScopeMapActions } from '../rules/actions';
import { checkResourceName } from '../rules/names';
import {
  findSystemScopeMap,
  SYSTEM_SCOPE_MAPS,
  type SystemScopeMap,
} from '../rules/system-scope-maps';
import { page } from '../paging';
import { lower, type RegistryRec, type ScopeMapRec } from '../state';
import {
  asyncAccepted,
  childId,
  childNotFound,
  createdSystemData,
  findRegistry,
  locationAccepted,
  optString,
  properties,
  replaceRecord,
  requireBody,
  touch,
  TYPES,
} from './common';

export const MAX_SCOPE_MAPS = 20_000;
const MAX_DESCRIPTION = 256;
const PROPS = ['description', 'actions', 'type', 'creationDate', 'provisioningState'];

function systemWire(reg: RegistryRec, m: SystemScopeMap): unknown {
  return {
    id: childId(reg, 'scopeMaps', m.name),
    name: m.name,
    type: TYPES.scopeMap,
    systemData: { createdAt: reg.systemData.createdAt, lastModifiedAt: reg.systemData.createdAt },
    properties: {
      description: m.description,
      type: 'SystemDefined',
      creationDate: reg.systemData.createdAt,
      provisioningState: 'Succeeded',
      actions: [...m.actions],
    },
  };
}

export function scopeMapWire(
  reg: RegistryRec,
  m: ScopeMapRec,
  provisioningState?: string,
): unknown {
  return {
    id: childId(reg, 'scopeMaps', m.name),
    name: m.name,
    type: TYPES.scopeMap,
    systemData: m.systemData,
    properties: {
      ...(m.description !== undefined ? { description: m.description } : {}),
      type: 'UserDefined',
      creationDate: m.systemData.createdAt,
      provisioningState: provisioningState ?? m.provisioningState,
      actions: [...m.actions],
    },
  };
}

/** A scope map by name, system maps included (used by tokens too). */
export function scopeMapExists(reg: RegistryRec, name: string): string | undefined {
  return findSystemScopeMap(name)?.name ?? reg.scopeMaps.get(lower(name))?.name;
}

function refuseSystem(name: string): void {
  const sys = findSystemScopeMap(name);
  if (sys) {
    throw badRequest(
      `The scope map '${sys.name}' is system defined and cannot be modified or deleted.`,
      'name',
    );
  }
}

function readDescription(props: Record<string, unknown>): string | undefined {
  const description = optString(props, 'description', 'properties.description');
  if (description !== undefined && description.length > MAX_DESCRIPTION) {
    throw invalidParameter(
      'properties.description',
      `The scope map description must be at most ${MAX_DESCRIPTION} characters long (it has ${description.length}).`,
    );
  }
  return description;
}

function readActions(value: unknown): string[] {
  const result = checkScopeMapActions(value);
  if (result.ok) return result.normalized;
  const target =
    result.index === undefined ? 'properties.actions' : `properties.actions[${result.index}]`;
  throw invalidParameter(target, result.message);
}

export function listScopeMaps(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const items: (SystemScopeMap | ScopeMapRec)[] = [...SYSTEM_SCOPE_MAPS, ...reg.scopeMaps.values()];
  const wire = (m: SystemScopeMap | ScopeMapRec): unknown =>
    'systemData' in m ? scopeMapWire(reg, m) : systemWire(reg, m);
  return { status: 200, body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize, wire) };
}

export function getScopeMap(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const sys = findSystemScopeMap(ctx.params.childName);
  if (sys) return { status: 200, body: systemWire(reg, sys) };
  const m = reg.scopeMaps.get(lower(ctx.params.childName));
  if (!m) childNotFound(ctx, reg, 'scopeMaps');
  return { status: 200, body: scopeMapWire(reg, m) };
}

export function putScopeMap(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const name = ctx.params.childName;
  refuseSystem(name);
  const nameCheck = checkResourceName('scopeMap', name);
  if (!nameCheck.ok) throw invalidParameter('name', nameCheck.message);
  const props = properties(requireBody(ctx, 'ScopeMap'), 'ScopeMap', PROPS, true);
  const description = readDescription(props);
  const actions = readActions(props.actions);
  const existing = reg.scopeMaps.get(lower(name));
  if (!existing && reg.scopeMaps.size >= MAX_SCOPE_MAPS) {
    throw new ArmError(
      400,
      'QuotaExceeded',
      `The registry '${reg.name}' already has the maximum of ${MAX_SCOPE_MAPS} scope maps.`,
      { target: 'name' },
    );
  }
  const rec: ScopeMapRec = {
    name: existing?.name ?? name,
    ...(description !== undefined ? { description } : {}),
    actions,
    systemData: existing ? touch(ctx, existing.systemData) : createdSystemData(ctx),
    provisioningState: 'Succeeded',
  };
  return respond(ctx, reg, rec, existing ? 'Updating' : 'Creating');
}

export function patchScopeMap(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  refuseSystem(ctx.params.childName);
  const existing = reg.scopeMaps.get(lower(ctx.params.childName));
  if (!existing) childNotFound(ctx, reg, 'scopeMaps');
  const props = properties(
    requireBody(ctx, 'ScopeMapUpdateParameters'),
    'ScopeMapUpdateParameters',
    ['description', 'actions'],
    false,
  );
  const description = readDescription(props);
  const actions =
    props.actions === undefined || props.actions === null ? undefined : readActions(props.actions);
  const rec: ScopeMapRec = {
    ...existing,
    ...(description !== undefined ? { description } : {}),
    ...(actions !== undefined ? { actions } : {}),
    systemData: touch(ctx, existing.systemData),
  };
  return respond(ctx, reg, rec, 'Updating');
}

/**
 * Azure answers scope-map writes synchronously (200, reference §1 S3r); only an
 * injected LRO fault turns one into an async operation that fails or hangs.
 */
function respond(
  ctx: RequestContext,
  reg: RegistryRec,
  rec: ScopeMapRec,
  running: 'Creating' | 'Updating',
): ArmResponse {
  const outcome = ctx.takeLroOutcome();
  rec.provisioningState = outcome === 'succeed' ? 'Succeeded' : running;
  reg.scopeMaps.set(lower(rec.name), rec);
  ctx.changed();
  if (outcome === 'succeed') return { status: 200, body: scopeMapWire(reg, rec) };
  return asyncAccepted(ctx, {
    resourcePath: childId(reg, 'scopeMaps', rec.name),
    prefix: 'scopemaps',
    runningStatus: running,
    outcome,
    body: scopeMapWire(reg, rec),
    onFinish: (ok) => {
      if (!ok && replaceRecord(reg.scopeMaps, rec, { ...rec, provisioningState: 'Failed' }))
        ctx.changed();
    },
  });
}

/** Deleting a scope map a token uses is allowed: Azure documents no refusal. */
export function deleteScopeMap(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  refuseSystem(ctx.params.childName);
  const existing = reg.scopeMaps.get(lower(ctx.params.childName));
  if (!existing) return { status: 204 };
  const outcome = ctx.takeLroOutcome();
  if (outcome === 'succeed') {
    reg.scopeMaps.delete(lower(existing.name));
    ctx.changed();
  }
  return locationAccepted(ctx, {
    reg,
    monitorUnder: childId(reg, 'scopeMaps', existing.name),
    prefix: 'scopemaps',
    runningStatus: 'Deleting',
    outcome,
  });
}
