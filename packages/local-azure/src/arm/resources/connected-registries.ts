/**
 * Connected registries (reference §2.2, §3). Runtime fields come from the
 * scenario timeline at the emulator clock, overlaid by what happened through
 * the API: deactivation and a disabled sync token.
 */
import { createHash } from 'node:crypto';
import { connectedRegistryInputLacks } from '../api-versions';
import type { ArmResponse, RequestContext } from '../context';
import { badRequest, conflict, invalidContent, invalidParameter } from '../errors';
import { checkCron, checkResourceName, checkSyncProperties } from '../rules/names';
import { runtimeAt } from '../../scenario/runtime';
import type { StatusDetail } from '../../scenario/types';
import { page } from '../paging';
import { lower, type ConnectedRegistryRec, type RegistryRec } from '../state';
import {
  asyncAccepted,
  checkKeys,
  childId,
  childNotFound,
  createdSystemData,
  findRegistry,
  isObject,
  locationAccepted,
  nameFromChildId,
  nowIso,
  optBool,
  optObject,
  optString,
  optStringArray,
  properties,
  replaceRecord,
  requireBody,
  touch,
  TYPES,
  type Json,
} from './common';

export const MAX_CLIENT_TOKENS = 20;
/** Where the connected-registry runtime reads its TLS certificate (`ACR_REGISTRY_CERTIFICATE_VOLUME`). */
const CERTIFICATE_VOLUME = '/var/acr/certs';
const RO_PROPS = [
  'provisioningState',
  'version',
  'connectionState',
  'lastActivityTime',
  'activation',
  'statusDetails',
  'registrySyncResult',
];
const PUT_PROPS = [
  'mode',
  'parent',
  'clientTokenIds',
  'loginServer',
  'logging',
  'notificationsList',
  'garbageCollection',
  ...RO_PROPS,
];
const PATCH_PROPS = [
  'syncProperties',
  'logging',
  'clientTokenIds',
  'notificationsList',
  'garbageCollection',
];
const NOT_PATCHABLE = ['mode', 'parent', 'loginServer'];
const LOG_LEVELS = ['Debug', 'Information', 'Warning', 'Error', 'None'];
const AUDIT = ['Enabled', 'Disabled'];

/** The body members the request's api-version defines (older versions lack some). */
function knownTo(ctx: RequestContext, props: readonly string[]): string[] {
  const lacks = connectedRegistryInputLacks(ctx.url.searchParams.get('api-version'));
  return props.filter((p) => !lacks.includes(p));
}

export function dataEndpointHost(reg: RegistryRec): string {
  return lower(`${reg.name}.${reg.location}.data.azurecr.io`);
}

/**
 * The login server host an activated connected registry reports. Real devices
 * report their own address; the emulator derives a stable one from the names.
 */
export function connectedRegistryHost(reg: RegistryRec, cr: ConnectedRegistryRec): string {
  return lower(`${cr.name}.${reg.name}.local`);
}

/** A stable correlation id, so the same status detail reads the same on every GET. */
function correlationFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function connectedRegistryWire(
  ctx: RequestContext,
  reg: RegistryRec,
  cr: ConnectedRegistryRec,
): unknown {
  const now = ctx.clock.now();
  const rt = cr.runtime
    ? runtimeAt(cr.runtime, now)
    : {
        connectionState: 'Offline' as const,
        activation: 'Inactive' as const,
        statusDetails: [] as StatusDetail[],
      };
  let connectionState: string = rt.connectionState;
  let activation: string = rt.activation;
  const statusDetails: StatusDetail[] = [...rt.statusDetails];
  if (cr.deactivatedAt !== undefined && now >= Date.parse(cr.deactivatedAt)) {
    connectionState = 'Offline';
    activation = 'Inactive';
  }
  const syncToken = reg.tokens.get(lower(cr.syncTokenName));
  if (syncToken?.status === 'disabled') {
    // Disabling the sync token disables the connected registry (S4): it goes offline and says why.
    connectionState = 'Offline';
    const timestamp = syncToken.statusChangedAt ?? syncToken.systemData.lastModifiedAt;
    statusDetails.push({
      type: 'SyncToken',
      code: 'SYNC_TOKEN_DISABLED',
      description: `The sync token '${syncToken.name}' is disabled, so the connected registry cannot sync until it is enabled again.`,
      timestamp,
      correlationId: correlationFor(cr.name, syncToken.name, timestamp),
    });
  }
  const version = 'version' in rt ? rt.version : undefined;
  const lastActivityTime = 'lastActivityTime' in rt ? rt.lastActivityTime : undefined;
  const lastSyncTime = 'lastSyncTime' in rt ? rt.lastSyncTime : undefined;
  return {
    id: childId(reg, 'connectedRegistries', cr.name),
    name: cr.name,
    type: TYPES.connectedRegistry,
    systemData: cr.systemData,
    properties: {
      provisioningState: cr.provisioningState,
      mode: cr.mode,
      ...(version !== undefined ? { version } : {}),
      connectionState,
      ...(lastActivityTime !== undefined ? { lastActivityTime } : {}),
      activation: { status: activation },
      parent: {
        ...(cr.parentName !== undefined
          ? { id: childId(reg, 'connectedRegistries', cr.parentName) }
          : {}),
        syncProperties: {
          tokenId: childId(reg, 'tokens', cr.syncTokenName),
          ...(cr.schedule !== undefined ? { schedule: cr.schedule } : {}),
          ...(cr.syncWindow !== undefined ? { syncWindow: cr.syncWindow } : {}),
          messageTtl: cr.messageTtl,
          ...(lastSyncTime !== undefined ? { lastSyncTime } : {}),
          // The cloud registry's data endpoint; a nested registry syncs with an on-premises parent Azure does not know.
          ...(cr.parentName === undefined ? { gatewayEndpoint: dataEndpointHost(reg) } : {}),
        },
      },
      ...(cr.clientTokenNames !== undefined
        ? { clientTokenIds: cr.clientTokenNames.map((n) => childId(reg, 'tokens', n)) }
        : {}),
      // Azure learns the host and its TLS settings when the device activates and reports them
      // (the runtime's default certificate volume); until then only the stub Azure answers with.
      loginServer:
        activation === 'Active'
          ? {
              host: connectedRegistryHost(reg, cr),
              tls: {
                status: 'Enabled',
                certificate: { type: 'LocalDirectory', location: CERTIFICATE_VOLUME },
              },
            }
          : { tls: { certificate: {} } },
      logging: { ...cr.logging },
      statusDetails,
      ...(cr.notificationsList !== undefined
        ? { notificationsList: [...cr.notificationsList] }
        : {}),
      ...(cr.garbageCollection !== undefined
        ? { garbageCollection: { ...cr.garbageCollection } }
        : {}),
    },
  };
}

// ---------------------------------------------------------------------------
// $filter: OData `eq` on parent.id, mode and connectionState, joined by `and`.

type Filter = { field: 'parent.id' | 'mode' | 'connectionstate'; value: string }[];

function parseFilter(raw: string | null): Filter {
  if (raw === null || raw.trim() === '') return [];
  const clauses = raw.split(/\s+and\s+/i);
  return clauses.map((clause) => {
    const m =
      /^\s*(parent\/id|parent\.id|properties\/parent\/id|mode|properties\/mode|connectionState|properties\/connectionState)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(
        clause,
      );
    if (!m?.[1] || m[2] === undefined) {
      throw invalidParameter(
        '$filter',
        `The $filter '${raw}' is invalid. Only 'eq' comparisons with a quoted value on parent.id, mode and connectionState, combined with 'and', are supported.`,
      );
    }
    const key = lower(m[1])
      .replace(/^properties\//, '')
      .replace('/', '.');
    return { field: key as Filter[number]['field'], value: m[2].replace(/''/g, "'") };
  });
}

function matches(wire: { properties: Record<string, unknown> }, filter: Filter): boolean {
  const p = wire.properties;
  return filter.every(({ field, value }) => {
    if (field === 'parent.id') {
      const parent = p.parent as { id?: string };
      return lower(parent.id ?? '') === lower(value);
    }
    if (field === 'mode') return lower(String(p.mode)) === lower(value);
    return lower(String(p.connectionState)) === lower(value);
  });
}

export function listConnectedRegistries(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const filter = parseFilter(ctx.url.searchParams.get('$filter'));
  const all = [...reg.connectedRegistries.values()];
  const wire = (cr: (typeof all)[number]) =>
    connectedRegistryWire(ctx, reg, cr) as { properties: Record<string, unknown> };
  if (filter.length === 0) {
    // Slice first, so a page costs its own 50 runtime evaluations, not the whole list's.
    return { status: 200, body: page(all, ctx.url, ctx.origin, ctx.settings.pageSize, wire) };
  }
  const items = all.map(wire).filter((w) => matches(w, filter));
  return { status: 200, body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize) };
}

export function getConnectedRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const cr = reg.connectedRegistries.get(lower(ctx.params.childName));
  if (!cr) childNotFound(ctx, reg, 'connectedRegistries');
  return { status: 200, body: connectedRegistryWire(ctx, reg, cr) };
}

// ---------------------------------------------------------------------------
// Input

function readMode(props: Json): 'ReadWrite' | 'ReadOnly' {
  const mode = optString(props, 'mode', 'properties.mode');
  if (mode === undefined) throw badRequest("The property 'mode' is required.", 'properties.mode');
  // Registry/Mirror are the legacy names of ReadWrite/ReadOnly.
  const value = {
    readwrite: 'ReadWrite',
    registry: 'ReadWrite',
    readonly: 'ReadOnly',
    mirror: 'ReadOnly',
  }[lower(mode)];
  if (!value) {
    throw invalidParameter(
      'properties.mode',
      `The connected registry mode '${mode}' is invalid. Allowed values are 'ReadWrite' and 'ReadOnly'.`,
    );
  }
  return value as 'ReadWrite' | 'ReadOnly';
}

function tokenNameFromId(reg: RegistryRec, id: string, target: string): string {
  const name = nameFromChildId(reg, 'tokens', id);
  const token = name === undefined ? undefined : reg.tokens.get(lower(name));
  if (!token) {
    throw invalidParameter(target, `The token '${id}' was not found in registry '${reg.name}'.`);
  }
  return token.name;
}

function readClientTokens(reg: RegistryRec, props: Json): string[] | undefined {
  const ids = optStringArray(props, 'clientTokenIds', 'properties.clientTokenIds');
  if (ids === undefined) return undefined;
  if (ids.length > MAX_CLIENT_TOKENS) {
    throw invalidParameter(
      'properties.clientTokenIds',
      `A connected registry can have at most ${MAX_CLIENT_TOKENS} client tokens (${ids.length} were given).`,
    );
  }
  const names = ids.map((id, i) => tokenNameFromId(reg, id, `properties.clientTokenIds[${i}]`));
  return [...new Map(names.map((n) => [lower(n), n])).values()];
}

function readLogging(
  props: Json,
  current?: ConnectedRegistryRec['logging'],
): ConnectedRegistryRec['logging'] | undefined {
  const logging = optObject(
    props,
    'logging',
    'properties.logging',
    ['logLevel', 'auditLogStatus'],
    'LoggingProperties',
  );
  if (!logging) return undefined;
  const pick = (key: string, allowed: string[], fallback: string): string => {
    const v = optString(logging, key, `properties.logging.${key}`);
    if (v === undefined) return fallback;
    const found = allowed.find((a) => lower(a) === lower(v));
    if (!found)
      throw invalidParameter(
        `properties.logging.${key}`,
        `The value '${v}' is invalid. Allowed values are ${allowed.map((a) => `'${a}'`).join(', ')}.`,
      );
    return found;
  };
  return {
    logLevel: pick('logLevel', LOG_LEVELS, current?.logLevel ?? 'Information'),
    auditLogStatus: pick('auditLogStatus', AUDIT, current?.auditLogStatus ?? 'Disabled'),
  };
}

function readGc(props: Json): ConnectedRegistryRec['garbageCollection'] | undefined {
  const gc = optObject(
    props,
    'garbageCollection',
    'properties.garbageCollection',
    ['enabled', 'schedule'],
    'GarbageCollectionProperties',
  );
  if (!gc) return undefined;
  const enabled = optBool(gc, 'enabled', 'properties.garbageCollection.enabled');
  const schedule = optString(gc, 'schedule', 'properties.garbageCollection.schedule');
  if (schedule !== undefined) {
    const r = checkCron('schedule', schedule);
    if (!r.ok) throw invalidParameter('properties.garbageCollection.schedule', r.message);
  }
  return {
    ...(enabled !== undefined ? { enabled } : {}),
    ...(schedule !== undefined ? { schedule } : {}),
  };
}

function checkSync(sync: { schedule?: string; syncWindow?: string; messageTtl?: string }): void {
  const r = checkSyncProperties(sync);
  if (!r.ok) throw invalidParameter(`properties.parent.syncProperties.${r.field}`, r.message);
}

function syncFields(
  sync: Json,
  path: string,
): { schedule?: string; syncWindow?: string; messageTtl?: string } {
  const out: { schedule?: string; syncWindow?: string; messageTtl?: string } = {};
  for (const key of ['schedule', 'syncWindow', 'messageTtl'] as const) {
    const v = optString(sync, key, `${path}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function requirePremium(reg: RegistryRec): void {
  if (reg.sku !== 'Premium') {
    throw badRequest(
      `Connected registries are only supported on Premium registries; registry '${reg.name}' is ${reg.sku}.`,
      'sku',
    );
  }
  if (!reg.dataEndpointEnabled) {
    throw badRequest(
      `Dedicated data endpoints must be enabled on registry '${reg.name}' to use connected registries (set properties.dataEndpointEnabled to true).`,
      'dataEndpointEnabled',
    );
  }
}

export function putConnectedRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const name = ctx.params.childName;
  const nameCheck = checkResourceName('connectedRegistry', name);
  if (!nameCheck.ok) throw invalidParameter('name', nameCheck.message);
  const props = properties(
    requireBody(ctx, 'ConnectedRegistry'),
    'ConnectedRegistry',
    knownTo(ctx, PUT_PROPS),
    true,
  );
  requirePremium(reg);
  const mode = readMode(props);
  const parent = props.parent;
  if (!isObject(parent))
    throw badRequest("The property 'parent' is required.", 'properties.parent');
  checkKeys(parent, ['id', 'syncProperties'], 'ParentProperties', 'properties.parent');
  const sync = parent.syncProperties;
  if (!isObject(sync))
    throw badRequest(
      "The property 'parent.syncProperties' is required.",
      'properties.parent.syncProperties',
    );
  checkKeys(
    sync,
    [
      'tokenId',
      'schedule',
      'syncWindow',
      'messageTtl',
      'lastSyncTime',
      'gatewayEndpoint',
      'authType',
    ],
    'SyncProperties',
    'properties.parent.syncProperties',
  );
  const existing = reg.connectedRegistries.get(lower(name));

  let parentName: string | undefined;
  const parentId = optString(parent, 'id', 'properties.parent.id');
  if (parentId !== undefined && parentId !== '') {
    const pn = nameFromChildId(reg, 'connectedRegistries', parentId);
    const parentRec = pn === undefined ? undefined : reg.connectedRegistries.get(lower(pn));
    if (!parentRec) {
      throw invalidParameter(
        'properties.parent.id',
        `The parent connected registry '${parentId}' was not found in registry '${reg.name}'.`,
      );
    }
    if (lower(parentRec.name) === lower(name)) {
      throw invalidParameter(
        'properties.parent.id',
        'A connected registry cannot be its own parent.',
      );
    }
    if (parentRec.mode === 'ReadOnly' && mode !== 'ReadOnly') {
      throw badRequest(
        `The parent connected registry '${parentRec.name}' is ReadOnly, so its children must be ReadOnly too.`,
        'properties.mode',
      );
    }
    parentName = parentRec.name;
  }
  if (existing) {
    if (existing.mode !== mode)
      throw badRequest(
        'The mode of an existing connected registry cannot be changed.',
        'properties.mode',
      );
    if (lower(existing.parentName ?? '') !== lower(parentName ?? '')) {
      throw badRequest(
        'The parent of an existing connected registry cannot be changed.',
        'properties.parent.id',
      );
    }
  }
  const tokenId = optString(sync, 'tokenId', 'properties.parent.syncProperties.tokenId');
  if (tokenId === undefined) {
    throw badRequest(
      "The property 'parent.syncProperties.tokenId' is required.",
      'properties.parent.syncProperties.tokenId',
    );
  }
  const syncTokenName = tokenNameFromId(reg, tokenId, 'properties.parent.syncProperties.tokenId');
  const fields = syncFields(sync, 'properties.parent.syncProperties');
  if (fields.messageTtl === undefined) {
    throw badRequest(
      "The property 'parent.syncProperties.messageTtl' is required.",
      'properties.parent.syncProperties.messageTtl',
    );
  }
  checkSync(fields);
  const clientTokenNames = readClientTokens(reg, props);
  const logging = readLogging(props) ?? { logLevel: 'Information', auditLogStatus: 'Disabled' };
  const notificationsList = optStringArray(
    props,
    'notificationsList',
    'properties.notificationsList',
  );
  const garbageCollection = readGc(props);
  if (
    props.loginServer !== undefined &&
    props.loginServer !== null &&
    !isObject(props.loginServer)
  ) {
    throw invalidContent(
      "Property 'properties.loginServer' must be an object",
      'properties.loginServer',
    );
  }

  const rec: ConnectedRegistryRec = {
    name: existing?.name ?? name,
    mode,
    ...(parentName !== undefined ? { parentName } : {}),
    syncTokenName,
    ...(clientTokenNames !== undefined ? { clientTokenNames } : {}),
    ...(fields.schedule !== undefined ? { schedule: fields.schedule } : {}),
    ...(fields.syncWindow !== undefined ? { syncWindow: fields.syncWindow } : {}),
    messageTtl: fields.messageTtl,
    ...(notificationsList !== undefined ? { notificationsList } : {}),
    logging,
    ...(garbageCollection !== undefined ? { garbageCollection } : {}),
    systemData: existing ? touch(ctx, existing.systemData) : createdSystemData(ctx),
    provisioningState: 'Succeeded',
    // A replace keeps what the device has been doing; a new one has never been activated.
    ...(existing?.runtime ? { runtime: existing.runtime } : {}),
    ...(existing?.deactivatedAt ? { deactivatedAt: existing.deactivatedAt } : {}),
  };
  return respond(ctx, reg, rec, existing ? 'Updating' : 'Creating');
}

function respond(
  ctx: RequestContext,
  reg: RegistryRec,
  rec: ConnectedRegistryRec,
  running: 'Creating' | 'Updating',
): ArmResponse {
  const outcome = ctx.takeLroOutcome();
  rec.provisioningState = outcome === 'succeed' ? 'Succeeded' : running;
  reg.connectedRegistries.set(lower(rec.name), rec);
  ctx.changed();
  // The live service answers connected-registry writes synchronously (S3r).
  if (outcome === 'succeed') return { status: 200, body: connectedRegistryWire(ctx, reg, rec) };
  return asyncAccepted(ctx, {
    resourcePath: childId(reg, 'connectedRegistries', rec.name),
    prefix: 'connectedregistries',
    runningStatus: running,
    outcome,
    body: connectedRegistryWire(ctx, reg, rec),
    onFinish: (ok) => {
      if (
        !ok &&
        replaceRecord(reg.connectedRegistries, rec, { ...rec, provisioningState: 'Failed' })
      )
        ctx.changed();
    },
  });
}

export function patchConnectedRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const existing = reg.connectedRegistries.get(lower(ctx.params.childName));
  if (!existing) childNotFound(ctx, reg, 'connectedRegistries');
  const body = requireBody(ctx, 'ConnectedRegistryUpdateParameters');
  const raw = isObject(body.properties) ? body.properties : {};
  for (const key of NOT_PATCHABLE) {
    if (key in raw)
      throw badRequest(
        `The property '${key}' of a connected registry cannot be updated.`,
        `properties.${key}`,
      );
  }
  const props = properties(
    body,
    'ConnectedRegistryUpdateParameters',
    knownTo(ctx, PATCH_PROPS),
    false,
  );
  const sync = props.syncProperties;
  let fields: { schedule?: string; syncWindow?: string; messageTtl?: string } = {};
  if (sync !== undefined && sync !== null) {
    if (!isObject(sync))
      throw invalidContent(
        "Property 'properties.syncProperties' must be an object",
        'properties.syncProperties',
      );
    if ('tokenId' in sync) {
      throw badRequest(
        "The sync token ('syncProperties.tokenId') of a connected registry cannot be updated.",
        'properties.syncProperties.tokenId',
      );
    }
    checkKeys(
      sync,
      ['schedule', 'syncWindow', 'messageTtl'],
      'SyncUpdateProperties',
      'properties.syncProperties',
    );
    fields = syncFields(sync, 'properties.syncProperties');
    const r = checkSyncProperties(fields);
    if (!r.ok) throw invalidParameter(`properties.syncProperties.${r.field}`, r.message);
  }
  const clientTokenNames = readClientTokens(reg, props);
  const logging = readLogging(props, existing.logging);
  const notificationsList = optStringArray(
    props,
    'notificationsList',
    'properties.notificationsList',
  );
  const garbageCollection = readGc(props);
  const rec: ConnectedRegistryRec = {
    ...existing,
    ...fields,
    ...(clientTokenNames !== undefined ? { clientTokenNames } : {}),
    ...(logging !== undefined ? { logging } : {}),
    ...(notificationsList !== undefined ? { notificationsList } : {}),
    ...(garbageCollection !== undefined
      ? { garbageCollection: { ...existing.garbageCollection, ...garbageCollection } }
      : {}),
    systemData: touch(ctx, existing.systemData),
  };
  return respond(ctx, reg, rec, 'Updating');
}

/**
 * Deleting a connected registry keeps its sync token and scope map (S4). One
 * with children is refused: the children would be left without a parent.
 *
 * The live service answers a delete with 200 at once (S3r), which is what
 * `az acr connected-registry delete --cleanup` relies on: it deletes the sync
 * token right after, without waiting. When the delete is still in progress
 * (a fault makes it long-running), the connected registry stays listed as
 * `Deleting` and its sync token cannot be deleted yet (409, see tokens.ts).
 */
export function deleteConnectedRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const existing = reg.connectedRegistries.get(lower(ctx.params.childName));
  if (!existing) return { status: 204 };
  for (const cr of reg.connectedRegistries.values()) {
    if (cr.parentName !== undefined && lower(cr.parentName) === lower(existing.name)) {
      throw conflict(
        `The connected registry '${existing.name}' has child connected registries (e.g. '${cr.name}'); delete them first.`,
        'name',
      );
    }
  }
  const outcome = ctx.takeLroOutcome();
  if (outcome === 'succeed') {
    reg.connectedRegistries.delete(lower(existing.name));
    ctx.changed();
    return { status: 200 };
  }
  const deleting: ConnectedRegistryRec = { ...existing, provisioningState: 'Deleting' };
  replaceRecord(reg.connectedRegistries, existing, deleting);
  ctx.changed();
  return locationAccepted(ctx, {
    reg,
    monitorUnder: childId(reg, 'connectedRegistries', existing.name),
    prefix: 'connectedregistries',
    runningStatus: 'Deleting',
    outcome,
    onFinish: (ok) => {
      if (
        !ok &&
        replaceRecord(reg.connectedRegistries, deleting, {
          ...deleting,
          provisioningState: 'Failed',
        })
      )
        ctx.changed();
    },
  });
}

export function deactivateConnectedRegistry(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const existing = reg.connectedRegistries.get(lower(ctx.params.childName));
  if (!existing) childNotFound(ctx, reg, 'connectedRegistries');
  const outcome = ctx.takeLroOutcome();
  if (outcome === 'succeed') {
    replaceRecord(reg.connectedRegistries, existing, {
      ...existing,
      deactivatedAt: nowIso(ctx),
      systemData: touch(ctx, existing.systemData),
    });
    ctx.changed();
  }
  return locationAccepted(ctx, {
    reg,
    monitorUnder: childId(reg, 'connectedRegistries', existing.name),
    prefix: 'connectedregistries',
    runningStatus: 'InProgress',
    outcome,
  });
}
