import { fixActions, type Finding, type FixAction } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { fixLink, type FixLinkContext } from './fix-link';

const base = '/registries/sub/rg/contosoregistry';
const ctx: FixLinkContext = {
  registryBase: base,
  scopeMapOfToken: (t) =>
    ({ 'line1-hmi': 'line-agent-admin', edgeline3: 'edgeline3-sync-scope-map' })[t] ?? null,
  syncTargetOf: (t) => (t === 'edgeline3' ? 'edgeline3' : undefined),
};

const finding = (fixAction: FixAction, target: Partial<Finding['target']> = {}): Finding => ({
  id: 'password.expired',
  key: 'k',
  severity: 'high',
  target: { kind: 'token', name: 'line1-camera01', label: 'x', ...target },
  title: 't',
  why: 'w',
  fix: 'f',
  fixAction,
  evidence: [],
});

describe('fixLink', () => {
  it('opens the token page with the action dialog for token fixes', () => {
    expect(fixLink(finding('token.generate-password'), ctx)).toBe(
      `${base}/tokens/line1-camera01?action=generate-password`,
    );
    expect(fixLink(finding('token.set-status'), ctx)).toBe(
      `${base}/tokens/line1-camera01?action=set-status`,
    );
    expect(fixLink(finding('token.delete', { name: 'legacy-deployer' }), ctx)).toBe(
      `${base}/tokens/legacy-deployer?action=delete`,
    );
    expect(fixLink(finding('token.revoke-password', { slot: 'password2' }), ctx)).toBe(
      `${base}/tokens/line1-camera01?action=revoke-password&slot=password2`,
    );
  });

  it('encodes names that need it', () => {
    expect(fixLink(finding('token.delete', { name: 'a b/c' }), ctx)).toBe(
      `${base}/tokens/a%20b%2Fc?action=delete`,
    );
  });

  it('edits the scope map itself, or the map of the token the finding is about', () => {
    expect(
      fixLink(finding('scope-map.edit', { kind: 'scope-map', name: 'all-repos-read' }), ctx),
    ).toBe(`${base}/scope-maps/all-repos-read?action=edit`);
    expect(fixLink(finding('scope-map.edit', { name: 'line1-hmi' }), ctx)).toBe(
      `${base}/scope-maps/line-agent-admin?action=edit`,
    );
    expect(
      fixLink(finding('scope-map.open', { kind: 'scope-map', name: 'old-team-pull' }), ctx),
    ).toBe(`${base}/scope-maps/old-team-pull`);
  });

  it('falls back to the token page when the token has no scope map to edit', () => {
    expect(fixLink(finding('scope-map.edit', { name: 'orphan' }), ctx)).toBe(
      `${base}/tokens/orphan`,
    );
  });

  it('opens the connected registry node in the hierarchy, with the action where there is one', () => {
    expect(
      fixLink(
        finding('connected-registry.detach-client', {
          name: 'line2-lost-tablet',
          connectedRegistry: 'edgeline2',
        }),
        ctx,
      ),
    ).toBe(`${base}/hierarchy?node=edgeline2&action=detach-client&token=line2-lost-tablet`);
    expect(
      fixLink(
        finding('connected-registry.repositories', {
          kind: 'connected-registry',
          name: 'edgeline2',
        }),
        ctx,
      ),
    ).toBe(`${base}/hierarchy?node=edgeline2&action=repositories`);
    expect(
      fixLink(finding('connected-registry.open', { kind: 'connected-registry', name: 'x' }), ctx),
    ).toBe(`${base}/hierarchy?node=x`);
  });

  it('finds the connected registry of a sync token password finding', () => {
    expect(
      fixLink(finding('connected-registry.connection-string', { name: 'edgeline3' }), ctx),
    ).toBe(`${base}/hierarchy?node=edgeline3&action=connection-string`);
  });

  it('gives every fix action of the catalogue a link inside the registry', () => {
    for (const a of fixActions) {
      expect(fixLink(finding(a), ctx).startsWith(`${base}/`)).toBe(true);
    }
  });
});
