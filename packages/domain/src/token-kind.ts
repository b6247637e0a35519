import type { TokenKind } from './dto';

/**
 * A token's role in the hierarchy, from the connected registries that name it:
 * the sync token of one connected registry, a client token of some, or neither.
 * A token named both ways is reported as a sync token (the stronger role); its
 * client attachments are still listed in `clientOf`.
 */
export function tokenKinds(
  tokenNames: readonly string[],
  connectedRegistries: ReadonlyArray<{
    name: string;
    syncTokenName: string | null;
    clientTokenNames: readonly string[];
  }>,
): Map<string, { kind: TokenKind; clientOf: string[] }> {
  const key = (n: string) => n.toLowerCase();
  const syncOf = new Map<string, string>();
  const clientOf = new Map<string, string[]>();
  for (const cr of connectedRegistries) {
    if (cr.syncTokenName) syncOf.set(key(cr.syncTokenName), cr.name);
    for (const t of cr.clientTokenNames) {
      const list = clientOf.get(key(t)) ?? [];
      list.push(cr.name);
      clientOf.set(key(t), list);
    }
  }
  const out = new Map<string, { kind: TokenKind; clientOf: string[] }>();
  for (const name of tokenNames) {
    const sync = syncOf.get(key(name));
    const clients = [...(clientOf.get(key(name)) ?? [])].sort();
    const kind: TokenKind = sync
      ? { type: 'sync', connectedRegistry: sync }
      : clients.length > 0
        ? { type: 'client', connectedRegistries: clients }
        : { type: 'unattached' };
    out.set(name, { kind, clientOf: clients });
  }
  return out;
}

export function describeKind(kind: TokenKind): string {
  switch (kind.type) {
    case 'sync':
      return `Sync token of ${kind.connectedRegistry}`;
    case 'client':
      return `Client token of ${kind.connectedRegistries.join(', ')}`;
    case 'unattached':
      return 'Unattached';
  }
}
