import {
  describeAcceptance,
  indexOverview,
  type Acceptance,
  type ConnectedRegistryView,
  type RegistryOverview,
  type TokenAccess,
  type TokenGatewayAccess,
  type TokenView,
} from '@latchkey/domain';
import { gatewayWords } from '../../../lib/permission-words';
import { accessAtPlace } from '../../../lib/token-access';

export interface AcceptedSummary {
  token: TokenView | undefined;
  tokenName: string;
  scopeMap: string | null;
  /** How the connected registry accepts it (client token, sync token of a child, or both). */
  acceptedAs: Acceptance[];
  /** One answer per repository (or pattern) its scope map names. */
  access: TokenAccess[];
  /** One answer per connected registry whose gateway its scope map names. */
  gateways: TokenGatewayAccess[];
  /** Words for the person: ineffective grants and risky states, first reason each. */
  warnings: string[];
}

/** "client token", "sync token of child edgeline1", joined when a place accepts a token both ways. */
export function acceptanceWords(acceptedAs: readonly Acceptance[]): string {
  return acceptedAs.map(describeAcceptance).join(' and ');
}

/**
 * Every token a connected registry accepts (the engine's `acceptedAt`: its
 * client tokens and the sync tokens of its direct children), what each can
 * really do there repository by repository and gateway by gateway, with the
 * warnings a reviewer should see: write/delete on a ReadOnly registry, grants
 * on repositories it does not sync, a disabled token still attached, a client
 * token that does not exist. When the registry is disabled by its own sync
 * token nothing works there; that is said once by the caller, not per row.
 */
export function acceptedSummaries(
  overview: RegistryOverview,
  cr: ConnectedRegistryView,
): AcceptedSummary[] {
  const idx = indexOverview(overview);
  const out: AcceptedSummary[] = idx.acceptedAt(cr).map(({ token, acceptedAs }) => {
    const map = idx.scopeMapOf(token);
    const { access, gateways } = accessAtPlace(overview, token, cr);
    const warnings: string[] = [];
    if (token.status === 'disabled') {
      warnings.push(
        acceptedAs.some((a) => a.type === 'client')
          ? `Disabled but still attached: it uses one of the 20 client slots of ${cr.name}`
          : 'Disabled: it grants nothing here',
      );
    }
    if (!map) warnings.push('No scope map: it grants nothing');
    for (const a of access) {
      // One line per repository and reason, not per permission: "content write, content delete".
      const byReason = new Map<string, string[]>();
      for (const g of a.removed) {
        // Said once above (token) or by the caller (registry).
        if (g.reason === 'token-disabled' || g.reason === 'registry-disabled') continue;
        const list = byReason.get(g.explanation) ?? [];
        list.push(g.permission);
        byReason.set(g.explanation, list);
      }
      for (const [explanation, perms] of byReason) {
        warnings.push(`${a.repository}: ${perms.join(', ')} has no effect (${explanation})`);
      }
    }
    return {
      token,
      tokenName: token.name,
      scopeMap: map?.name ?? null,
      acceptedAs,
      access,
      gateways,
      warnings,
    };
  });
  // Client token names that match no token: acceptedAt leaves them out, the review must not.
  for (const name of cr.clientTokenNames) {
    if (idx.token(name)) continue;
    out.push({
      token: undefined,
      tokenName: name,
      scopeMap: null,
      acceptedAs: [{ type: 'client' }],
      access: [],
      gateways: [],
      warnings: [`${name} is attached but no such token exists`],
    });
  }
  return out;
}

/**
 * Effective gateway permissions as lines: a sync map names every descendant's
 * gateway with the same four permissions, so gateways sharing a permission set
 * share a line ("edgeline1, edgeline2: config read, …"), in first-seen order.
 */
export function gatewayLines(
  gateways: readonly TokenGatewayAccess[],
): { words: string; names: string[] }[] {
  const lines = new Map<string, string[]>();
  for (const g of gateways) {
    if (g.granted.length === 0) continue;
    const words = g.granted.map((x) => gatewayWords[x.permission]).join(', ');
    lines.set(words, [...(lines.get(words) ?? []), g.gateway]);
  }
  return [...lines].map(([words, names]) => ({ words, names }));
}
