import type { Finding } from '@latchkey/domain';

/** What the fix link needs to know about the registry beyond the finding itself. */
export interface FixLinkContext {
  /** Base path of the registry's pages: `/registries/<sub>/<rg>/<name>`. */
  registryBase: string;
  /** The scope map a token uses (null when it has none or is unknown). */
  scopeMapOfToken(tokenName: string): string | null;
  /** The connected registry a token is the sync token of, if it is one. */
  syncTargetOf(tokenName: string): string | undefined;
}

const enc = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The scope map a finding is about: its target, or the map of the token it targets. */
function scopeMapOf(f: Finding, ctx: FixLinkContext): string | null {
  return f.target.kind === 'scope-map' ? f.target.name : ctx.scopeMapOfToken(f.target.name);
}

/** The connected registry a finding is about (a node of the hierarchy). */
function nodeOf(f: Finding, ctx: FixLinkContext): string | undefined {
  if (f.target.kind === 'connected-registry') return f.target.name;
  if (f.target.connectedRegistry) return f.target.connectedRegistry;
  return f.target.kind === 'token' ? ctx.syncTargetOf(f.target.name) : undefined;
}

/**
 * The console page (and, where the page supports it, the action dialog) where
 * a finding is fixed, from the finding's `fixAction`. One function so that the
 * findings table, exports and tests agree on every link.
 */
export function fixLink(f: Finding, ctx: FixLinkContext): string {
  const base = ctx.registryBase;
  const tokenPage = (action?: string, slot?: string) =>
    withQuery(`${base}/tokens/${enc(f.target.name)}`, { action, slot });
  const hierarchy = (action?: string, extra: Record<string, string | undefined> = {}) =>
    withQuery(`${base}/hierarchy`, { node: nodeOf(f, ctx), action, ...extra });

  switch (f.fixAction) {
    case 'token.generate-password':
      return tokenPage('generate-password');
    case 'token.revoke-password':
      return tokenPage('revoke-password', f.target.slot);
    case 'token.set-status':
      return tokenPage('set-status');
    case 'token.delete':
      return tokenPage('delete');
    case 'scope-map.edit':
    case 'scope-map.open': {
      const map = scopeMapOf(f, ctx);
      // A token whose map is missing cannot be fixed on a scope-map page: its own page says so.
      if (!map) return tokenPage();
      return withQuery(`${base}/scope-maps/${enc(map)}`, {
        action: f.fixAction === 'scope-map.edit' ? 'edit' : undefined,
      });
    }
    case 'connected-registry.detach-client':
      return hierarchy('detach-client', {
        token: f.target.kind === 'token' ? f.target.name : undefined,
      });
    case 'connected-registry.repositories':
      return hierarchy('repositories');
    case 'connected-registry.connection-string':
      return hierarchy('connection-string');
    case 'connected-registry.open':
      return hierarchy();
  }
}
