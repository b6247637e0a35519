import { parseRegistryId } from '@latchkey/domain';

export type AuditTargetKind = 'registry' | 'token' | 'scope-map' | 'connected-registry' | 'other';

/** What an audit record changed, as a person reads it, and where the console shows it. */
export interface AuditTarget {
  kind: AuditTargetKind;
  /** "Token", "Scope map"… */
  kindLabel: string;
  /** The resource's own name (the registry's for a registry). */
  name: string;
  /** The registry it belongs to. */
  registryName?: string | undefined;
  /** The console page, when the console has one. */
  href?: string | undefined;
}

const childKinds: Record<
  string,
  { kind: AuditTargetKind; label: string; page: (n: string) => string }
> = {
  tokens: { kind: 'token', label: 'Token', page: (n) => `tokens/${encodeURIComponent(n)}` },
  scopemaps: {
    kind: 'scope-map',
    label: 'Scope map',
    page: (n) => `scope-maps/${encodeURIComponent(n)}`,
  },
  // The hierarchy selects a connected registry by name (`?node=`).
  connectedregistries: {
    kind: 'connected-registry',
    label: 'Connected registry',
    page: (n) => `hierarchy?node=${encodeURIComponent(n)}`,
  },
};

/**
 * An ARM id → kind, name and the console page: tokens and scope maps have
 * their own pages, a connected registry opens selected in the hierarchy, a
 * registry opens its home. Anything else is shown as it is, without a link.
 */
export function auditTarget(id: string): AuditTarget {
  const ref = parseRegistryId(id);
  if (!ref) return { kind: 'other', kindLabel: 'Resource', name: id };
  const enc = encodeURIComponent;
  const base = `/registries/${enc(ref.subscriptionId)}/${enc(ref.resourceGroup)}/${enc(ref.registryName)}`;
  const rest = id
    .slice(
      id.toLowerCase().indexOf('/registries/') + '/registries/'.length + ref.registryName.length,
    )
    .split('/')
    .filter(Boolean);
  if (rest.length === 0)
    return { kind: 'registry', kindLabel: 'Registry', name: ref.registryName, href: base };
  const child = rest.length === 2 ? childKinds[rest[0]!.toLowerCase()] : undefined;
  if (!child)
    return {
      kind: 'other',
      kindLabel: 'Resource',
      name: rest.join('/'),
      registryName: ref.registryName,
    };
  return {
    kind: child.kind,
    kindLabel: child.label,
    name: rest[1]!,
    registryName: ref.registryName,
    href: `${base}/${child.page(rest[1]!)}`,
  };
}
