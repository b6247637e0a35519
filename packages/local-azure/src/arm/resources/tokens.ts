/**
 * Tokens (reference §2.3). Password values never leave through this resource:
 * they exist only in the generateCredentials result. A sync token cannot be
 * deleted while its connected registry exists; disabling it suspends the
 * connected registry (visible on the connected registry's GET).
 */
import type { ArmResponse, RequestContext } from '../context';
import { ArmError, conflict, invalidContent, invalidParameter } from '../errors';
import { checkResourceName } from '../rules/names';
import { page } from '../paging';
import { lower, type PasswordRec, type RegistryRec, type TokenRec } from '../state';
import {
  asyncAccepted,
  childId,
  childNotFound,
  createdSystemData,
  findRegistry,
  isObject,
  locationAccepted,
  nameFromChildId,
  nowIso,
  optObject,
  optString,
  properties,
  replaceRecord,
  requireBody,
  touch,
  TYPES,
} from './common';
import { scopeMapExists } from './scope-maps';

export const MAX_TOKENS = 20_000;
const PROPS = ['scopeMapId', 'status', 'credentials', 'creationDate', 'provisioningState'];
export const PASSWORD_NAMES = ['password1', 'password2'] as const;

export function tokenWire(reg: RegistryRec, t: TokenRec, provisioningState?: string): unknown {
  return {
    id: childId(reg, 'tokens', t.name),
    name: t.name,
    type: TYPES.token,
    systemData: t.systemData,
    properties: {
      creationDate: t.systemData.createdAt,
      provisioningState: provisioningState ?? t.provisioningState,
      ...(t.scopeMapName !== undefined
        ? { scopeMapId: childId(reg, 'scopeMaps', t.scopeMapName) }
        : {}),
      status: t.status,
      credentials: {
        certificates: [],
        passwords: t.passwords.map((p) => ({
          creationTime: p.creationTime,
          ...(p.expiry !== undefined ? { expiry: p.expiry } : {}),
          name: p.name,
        })),
      },
    },
  };
}

function readScopeMap(reg: RegistryRec, props: Record<string, unknown>): string | null | undefined {
  if (!('scopeMapId' in props)) return undefined;
  if (props.scopeMapId === null) return null;
  const id = optString(props, 'scopeMapId', 'properties.scopeMapId');
  if (id === undefined) return undefined;
  const name = nameFromChildId(reg, 'scopeMaps', id);
  const found = name === undefined ? undefined : scopeMapExists(reg, name);
  if (!found) {
    throw invalidParameter(
      'properties.scopeMapId',
      `The scope map '${id}' was not found in registry '${reg.name}'. A token's scope map must be a scope map of the same registry.`,
    );
  }
  return found;
}

function readStatus(props: Record<string, unknown>): 'enabled' | 'disabled' | undefined {
  const status = optString(props, 'status', 'properties.status');
  if (status === undefined) return undefined;
  const value = lower(status);
  if (value !== 'enabled' && value !== 'disabled') {
    throw invalidParameter(
      'properties.status',
      `The token status '${status}' is invalid. Allowed values are 'enabled' and 'disabled'.`,
    );
  }
  return value;
}

/**
 * `credentials.passwords` lists the passwords to KEEP (how `az acr token
 * credential delete` removes one); values, times and unknown names are ignored.
 */
function readKeptPasswords(
  props: Record<string, unknown>,
  current: PasswordRec[],
): PasswordRec[] | undefined {
  const creds = optObject(
    props,
    'credentials',
    'properties.credentials',
    ['certificates', 'passwords'],
    'TokenCredentialsProperties',
  );
  if (!creds || creds.passwords === undefined || creds.passwords === null) return undefined;
  if (!Array.isArray(creds.passwords))
    throw invalidContent(`Property 'properties.credentials.passwords' must be an array`);
  const keep = new Set<string>();
  creds.passwords.forEach((p: unknown, i) => {
    const path = `properties.credentials.passwords[${i}].name`;
    if (!isObject(p))
      throw invalidContent(`Property 'properties.credentials.passwords[${i}]' must be an object`);
    const name = optString(p, 'name', path);
    if (name === undefined || !(PASSWORD_NAMES as readonly string[]).includes(lower(name))) {
      throw invalidParameter(
        path,
        `The password name '${String(name)}' is invalid. Allowed values are 'password1' and 'password2'.`,
      );
    }
    keep.add(lower(name));
  });
  return current.filter((p) => keep.has(p.name));
}

export function listTokens(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const items = [...reg.tokens.values()];
  return {
    status: 200,
    body: page(items, ctx.url, ctx.origin, ctx.settings.pageSize, (t) => tokenWire(reg, t)),
  };
}

export function getToken(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const t = reg.tokens.get(lower(ctx.params.childName));
  if (!t) childNotFound(ctx, reg, 'tokens');
  return { status: 200, body: tokenWire(reg, t) };
}

function applyStatus(ctx: RequestContext, before: TokenRec | undefined, after: TokenRec): void {
  if (!before || before.status !== after.status) after.statusChangedAt = nowIso(ctx);
}

export function putToken(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const name = ctx.params.childName;
  const nameCheck = checkResourceName('token', name);
  if (!nameCheck.ok) throw invalidParameter('name', nameCheck.message);
  const props = properties(requireBody(ctx, 'Token'), 'Token', PROPS, false);
  const scopeMap = readScopeMap(reg, props);
  const status = readStatus(props) ?? 'enabled';
  const existing = reg.tokens.get(lower(name));
  const passwords =
    readKeptPasswords(props, existing?.passwords ?? []) ?? existing?.passwords ?? [];
  if (!existing && reg.tokens.size >= MAX_TOKENS) {
    throw new ArmError(
      400,
      'QuotaExceeded',
      `The registry '${reg.name}' already has the maximum of ${MAX_TOKENS} tokens.`,
      {
        target: 'name',
      },
    );
  }
  const rec: TokenRec = {
    name: existing?.name ?? name,
    ...(typeof scopeMap === 'string' ? { scopeMapName: scopeMap } : {}),
    status,
    passwords,
    systemData: existing ? touch(ctx, existing.systemData) : createdSystemData(ctx),
    provisioningState: 'Succeeded',
    ...(existing?.statusChangedAt ? { statusChangedAt: existing.statusChangedAt } : {}),
  };
  applyStatus(ctx, existing, rec);
  const outcome = ctx.takeLroOutcome();
  // Creation is asynchronous on the live service (201 + Azure-AsyncOperation, S3r);
  // a replace answers synchronously unless a fault asks for a failing/hanging LRO.
  if (existing && outcome === 'succeed') {
    reg.tokens.set(lower(rec.name), rec);
    ctx.changed();
    return { status: 200, body: tokenWire(reg, rec) };
  }
  const running = existing ? 'Updating' : 'Creating';
  rec.provisioningState = outcome === 'succeed' ? 'Succeeded' : running;
  reg.tokens.set(lower(rec.name), rec);
  ctx.changed();
  return asyncAccepted(ctx, {
    resourcePath: childId(reg, 'tokens', rec.name),
    prefix: 'token',
    runningStatus: running,
    outcome,
    body: tokenWire(reg, rec, running),
    onFinish: (ok) => {
      if (!ok && replaceRecord(reg.tokens, rec, { ...rec, provisioningState: 'Failed' }))
        ctx.changed();
    },
  });
}

/** PATCH leaves absent fields alone; `scopeMapId: null` detaches the scope map. */
export function patchToken(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const existing = reg.tokens.get(lower(ctx.params.childName));
  if (!existing) childNotFound(ctx, reg, 'tokens');
  const props = properties(
    requireBody(ctx, 'TokenUpdateParameters'),
    'TokenUpdateParameters',
    ['scopeMapId', 'status', 'credentials'],
    false,
  );
  const scopeMap = readScopeMap(reg, props);
  const status = readStatus(props);
  const passwords = readKeptPasswords(props, existing.passwords);
  const rec: TokenRec = {
    ...existing,
    ...(status !== undefined ? { status } : {}),
    ...(passwords !== undefined ? { passwords } : {}),
    systemData: touch(ctx, existing.systemData),
  };
  if (scopeMap === null) delete rec.scopeMapName;
  else if (scopeMap !== undefined) rec.scopeMapName = scopeMap;
  applyStatus(ctx, existing, rec);
  const outcome = ctx.takeLroOutcome();
  rec.provisioningState = outcome === 'succeed' ? 'Succeeded' : 'Updating';
  reg.tokens.set(lower(rec.name), rec);
  ctx.changed();
  if (outcome === 'succeed') return { status: 200, body: tokenWire(reg, rec) };
  return asyncAccepted(ctx, {
    resourcePath: childId(reg, 'tokens', rec.name),
    prefix: 'token',
    runningStatus: 'Updating',
    outcome,
    body: tokenWire(reg, rec),
    onFinish: (ok) => {
      if (!ok && replaceRecord(reg.tokens, rec, { ...rec, provisioningState: 'Failed' }))
        ctx.changed();
    },
  });
}

export function deleteToken(ctx: RequestContext): ArmResponse {
  const reg = findRegistry(ctx);
  const existing = reg.tokens.get(lower(ctx.params.childName));
  if (!existing) return { status: 204 };
  for (const cr of reg.connectedRegistries.values()) {
    if (lower(cr.syncTokenName) === lower(existing.name)) {
      const why =
        cr.provisioningState === 'Deleting'
          ? `whose delete is still in progress; delete the token once the connected registry is gone`
          : `and cannot be deleted while the connected registry exists`;
      throw conflict(
        `The token '${existing.name}' is the sync token of connected registry '${cr.name}' ${why}.`,
        'name',
      );
    }
  }
  const outcome = ctx.takeLroOutcome();
  if (outcome === 'succeed') {
    reg.tokens.delete(lower(existing.name));
    ctx.changed();
  }
  return locationAccepted(ctx, {
    reg,
    monitorUnder: childId(reg, 'tokens', existing.name),
    prefix: 'token',
    runningStatus: 'Deleting',
    outcome,
  });
}
