/**
 * The Microsoft.ContainerRegistry api-versions the emulator accepts, and what
 * each one lacks. Handlers build the newest shape; `shapeForVersion` then
 * removes the members an older version does not have, so a client of that
 * version sees exactly its own shape (ARM never sends a member a version lacks).
 *
 * The old versions are the ones the az CLI 2.45 sends (tokens, scope maps and
 * generateCredentials on 2020-11-01-preview, registries on 2022-02-01-preview,
 * connected registries on 2021-08-01-preview). What each lacks was read from
 * the REST specs of those versions (the generated models of
 * azure-mgmt-containerregistry list the same members).
 */
import { TYPES } from './resources/common';

/** Paths (dot-separated, relative to the resource) a version does not have. */
interface VersionShape {
  registry: readonly string[];
  connectedRegistry: readonly string[];
  /** Request-body members of a connected-registry PUT/PATCH the version does not know. */
  connectedRegistryInput: readonly string[];
}

/** Newer than every version below: the preview-only members the GA versions lack. */
const GA: VersionShape = {
  registry: ['properties.policies.softDeletePolicy'],
  connectedRegistry: ['properties.registrySyncResult', 'properties.parent.syncProperties.authType'],
  connectedRegistryInput: [],
};

const PREVIEW_2025: VersionShape = {
  registry: [],
  connectedRegistry: [],
  connectedRegistryInput: [],
};

// Members added after 2022-02-01-preview: none of the three old versions has them.
const AFTER_2022 = {
  registry: [
    'properties.networkRuleBypassAllowedForTasks',
    'properties.roleAssignmentMode',
    'properties.metadataSearch',
  ],
  connectedRegistry: [
    'properties.garbageCollection',
    'properties.registrySyncResult',
    'properties.parent.syncProperties.authType',
  ],
};

const V2022_02_01_PREVIEW: VersionShape = {
  registry: AFTER_2022.registry,
  connectedRegistry: AFTER_2022.connectedRegistry,
  connectedRegistryInput: ['garbageCollection'],
};

const V2021_08_01_PREVIEW: VersionShape = {
  registry: [
    ...AFTER_2022.registry,
    'properties.policies.azureADAuthenticationAsArmPolicy',
    'properties.policies.softDeletePolicy',
  ],
  connectedRegistry: AFTER_2022.connectedRegistry,
  connectedRegistryInput: ['garbageCollection'],
};

const V2020_11_01_PREVIEW: VersionShape = {
  registry: [...V2021_08_01_PREVIEW.registry, 'properties.policies.exportPolicy'],
  connectedRegistry: [...AFTER_2022.connectedRegistry, 'properties.notificationsList'],
  connectedRegistryInput: ['garbageCollection', 'notificationsList'],
};

const VERSIONS: Record<string, VersionShape> = {
  '2025-11-01': GA,
  '2025-04-01': GA,
  '2025-09-01-preview': PREVIEW_2025,
  '2026-01-01-preview': PREVIEW_2025,
  '2022-02-01-preview': V2022_02_01_PREVIEW,
  '2021-08-01-preview': V2021_08_01_PREVIEW,
  '2020-11-01-preview': V2020_11_01_PREVIEW,
};

export const REGISTRY_API_VERSIONS = Object.keys(VERSIONS);

function removePath(obj: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined || !(head in obj)) return obj;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = obj;
    return kept;
  }
  const child = obj[head];
  if (typeof child !== 'object' || child === null || Array.isArray(child)) return obj;
  return { ...obj, [head]: removePath(child as Record<string, unknown>, rest.join('.')) };
}

function shapeResource(resource: unknown, shape: VersionShape): unknown {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return resource;
  const r = resource as Record<string, unknown>;
  const paths =
    r.type === TYPES.registry
      ? shape.registry
      : r.type === TYPES.connectedRegistry
        ? shape.connectedRegistry
        : [];
  return paths.reduce(removePath, r);
}

/** A response body (one resource, or a page `{ value, nextLink }`) in the shape of `version`. */
export function shapeForVersion(body: unknown, version: string | null): unknown {
  const shape = version === null ? undefined : VERSIONS[version];
  if (!shape || typeof body !== 'object' || body === null) return body;
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.value)) {
    return { ...b, value: b.value.map((item) => shapeResource(item, shape)) };
  }
  return shapeResource(body, shape);
}

/** Connected-registry body members `version` does not define (refused as unknown members). */
export function connectedRegistryInputLacks(version: string | null): readonly string[] {
  return (version === null ? undefined : VERSIONS[version])?.connectedRegistryInput ?? [];
}
