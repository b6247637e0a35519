import { createHash } from 'node:crypto';
import { runtimeOf, withoutRuntime, type RegistryRuntime } from '@latchkey/domain';
import type { ServedContents } from './snapshots';

const hash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value), 'utf8').digest('base64url').slice(0, 22);

/**
 * Structure versions of recently served snapshots, by the snapshot's tag: the
 * hash covers the whole lists (6 MB on a 5,000-token registry), and a poll of
 * an unchanged snapshot must not pay it again. Bounded: the oldest goes first.
 */
const versions = new Map<string, string>();
const MAX_VERSIONS = 64;

/** Names everything the overview holds except connected registries' runtime fields. */
function structureVersion(served: ServedContents): string {
  const cached = served.tag ? versions.get(served.tag) : undefined;
  if (cached) return cached;
  const version = hash({
    registry: served.registry,
    tokens: served.tokens,
    scopeMaps: served.scopeMaps,
    connectedRegistries: served.connectedRegistries.map(withoutRuntime),
  });
  if (served.tag) {
    versions.set(served.tag, version);
    if (versions.size > MAX_VERSIONS) versions.delete(versions.keys().next().value!);
  }
  return version;
}

/**
 * The hierarchy poll's answer and its entity tag. The tag covers the runtime
 * items and the structure version, not fetchedAt: a refresh that found the
 * devices as they were answers 304.
 */
export function runtimeAnswer(served: ServedContents): { runtime: RegistryRuntime; etag: string } {
  const version = structureVersion(served);
  const items = served.connectedRegistries.map(runtimeOf);
  return {
    runtime: { fetchedAt: new Date(served.readAt).toISOString(), version, items },
    etag: `"rt-${hash({ version, items })}"`,
  };
}
