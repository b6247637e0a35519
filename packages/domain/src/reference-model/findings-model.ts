import type { RegistryOverview } from '../dto';
import { granted } from './access-model';

/**
 * TEST-ONLY reference model of the hierarchy findings added with it, from the
 * documentation's sentences, sharing no code with the engine (it reuses only
 * the access model's own reading of actions). One line per finding:
 * `id kind:name[@connected registry]`, plus the missing actions where the
 * finding names them.
 */

const GATEWAY = ['config/read', 'config/write', 'message/read', 'message/write'];
const DAY = 24 * 3600_000;
/** The catalogue's window for "never activated long after creation" (a product choice). */
const NEVER_ACTIVATED_DAYS = 7;

export function modelFindings(o: RegistryOverview, now: number): string[] {
  const lower = (s: string) => s.toLowerCase();
  const token = (name: string | null | undefined) =>
    name ? o.tokens.find((t) => lower(t.name) === lower(name)) : undefined;
  const actionsOf = (name: string | null | undefined) => {
    const t = token(name);
    return t?.scopeMapName
      ? o.scopeMaps.find((m) => lower(m.name) === lower(t.scopeMapName!))?.actions
      : undefined;
  };
  const cr = (name: string | null | undefined) =>
    name ? o.connectedRegistries.find((c) => lower(c.name) === lower(name)) : undefined;
  const out: string[] = [];

  for (const d of o.connectedRegistries) {
    // "For a child, every ancestor's sync scope map gains gateway/<child>/… (all 4)" (reference
    // §3); "Every ancestor's sync scope map carries gateway/<descendant>/config/* and
    // gateway/<descendant>/message/* for each descendant" (product.md).
    const seen = new Set([lower(d.name)]);
    for (let a = cr(d.parentName); a && !seen.has(lower(a.name)); a = cr(a.parentName)) {
      seen.add(lower(a.name));
      const t = token(a.syncTokenName);
      if (!t) continue; // no sync token: nothing could hold the actions
      const held = granted(actionsOf(t.name), { kind: 'gateway', name: d.name });
      const missing = GATEWAY.filter((p) => !held.has(p));
      if (missing.length > 0) {
        out.push(
          `sync-token.ancestor-missing-gateway-permissions token:${t.name}@${d.name} ` +
            missing.map((p) => `gateway/${lower(d.name)}/${p}`).join(' '),
        );
      }
    }

    // "You can disable a connected registry by setting the status of the sync token to disabled."
    const sync = token(d.syncTokenName);
    if (sync?.status === 'disabled') {
      out.push(`connected-registry.disabled-by-sync-token connected-registry:${d.name}`);
    }

    // "connected registry never activated long after creation" (product.md catalogue): Azure
    // reports activation Inactive until the device activates, and no lastActivityTime before it
    // (reference §2.2, real create response).
    const created = d.createdAt ?? sync?.creationDate;
    if (
      d.activation === 'Inactive' &&
      !d.lastActivityTime &&
      created &&
      now - Date.parse(created) > NEVER_ACTIVATED_DAYS * DAY
    ) {
      out.push(`connected-registry.never-activated connected-registry:${d.name}`);
    }
  }

  // "gateway actions belong to sync tokens only": a client token (named as a client by some
  // connected registry, and the sync token of none) whose scope map holds any gateway action.
  const syncNames = new Set(o.connectedRegistries.map((c) => lower(c.syncTokenName ?? '')));
  for (const t of o.tokens) {
    const isClient = o.connectedRegistries.some((c) =>
      c.clientTokenNames.some((n) => lower(n) === lower(t.name)),
    );
    if (!isClient || syncNames.has(lower(t.name))) continue;
    const gatewayNames = (actionsOf(t.name) ?? []).flatMap((a) => {
      const parts = lower(a.trim()).split('/');
      return parts[0] === 'gateway' && parts[1] ? [parts[1]] : [];
    });
    const holds = gatewayNames.some((g) =>
      GATEWAY.some((p) => granted(actionsOf(t.name), { kind: 'gateway', name: g }).has(p)),
    );
    if (holds) out.push(`client-token.gateway-permissions token:${t.name}`);
  }
  return out.sort();
}
