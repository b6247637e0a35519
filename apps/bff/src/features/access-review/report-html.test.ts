import { describe, expect, it } from 'vitest';
import {
  computeFindings,
  effectiveAccessEntries,
  exportStamp,
  tokenEntries,
  type RegistryOverview,
} from '@latchkey/domain';
import { esc, renderAccessReport } from './report-html';
import { TOP_FINDINGS, topFindings } from './report-summary';

const NOW = Date.parse('2026-06-01T00:00:00Z');

/** A registry whose names and texts try to be markup. */
function hostile(): RegistryOverview {
  const evil = '"><script>alert(1)</script>';
  return {
    registry: {
      id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r${evil}`,
      name: `reg${evil}`,
      subscriptionId: 's',
      resourceGroup: 'rg',
      location: 'westeurope',
      sku: 'Premium',
      loginServer: `r.azurecr.io<img src=x onerror=alert(1)>`,
      dataEndpointEnabled: true,
      supportsConnectedRegistries: true,
    },
    connectedRegistries: [],
    tokens: [
      {
        id: '/t/1',
        name: `tok${evil}`,
        status: 'enabled',
        scopeMapName: null,
        passwords: [
          { name: 'password1', present: true, creationTime: '2020-01-01T00:00:00Z' },
          { name: 'password2', present: false },
        ],
        kind: { type: 'unattached' },
        clientOf: [],
      },
    ],
    scopeMaps: [
      {
        id: '/s/1',
        name: `map${evil}`,
        type: 'UserDefined',
        actions: ['repositories/*/content/read'],
        usedBy: [],
      },
    ],
    fetchedAt: new Date(NOW).toISOString(),
  };
}

describe('the access-review report', () => {
  it('escapes every value and has no script, link or inline style attribute', () => {
    const o = hostile();
    const html = renderAccessReport({
      overview: o,
      stamp: exportStamp(o, NOW),
      findings: computeFindings(o, NOW),
      tokens: tokenEntries(o, NOW),
      access: effectiveAccessEntries(o).entries,
      nonce: 'n0nce+/=',
    });
    expect(html).not.toMatch(/<script|<img|<link|\sstyle=|onerror=alert\(1\)>/i);
    expect(html).toContain('tok&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<style nonce="n0nce+/=">');
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).toContain('@media print');
    // The findings it shows are the engine's: no-expiry, old, no scope map, unused wildcard map.
    for (const title of [
      'Password with no expiry',
      'Password older than 90 days',
      'Token with no scope map',
      'Scope map used by no token',
      'Registry-wide wildcard',
    ]) {
      expect(html, title).toContain(esc(title));
    }
  });

  it('escapes the five HTML-significant characters', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(esc(undefined)).toBe('');
  });
});

/** sitenorth with a child edgeline1 (its sync token is accepted by sitenorth) and one client. */
function nested(sitenorthSync: 'enabled' | 'disabled'): RegistryOverview {
  const base = hostile();
  const cr = (name: string, parentName: string | null, clientTokenNames: string[]) => ({
    id: `/cr/${name}`,
    name,
    mode: 'ReadWrite' as const,
    parentName,
    connectionState: 'Online' as const,
    activation: 'Active' as const,
    syncTokenName: name,
    clientTokenNames,
    statusDetails: [],
  });
  const token = (name: string, status: 'enabled' | 'disabled' = 'enabled') => ({
    ...base.tokens[0]!,
    id: `/t/${name}`,
    name,
    status,
    scopeMapName: 'pull',
  });
  return {
    ...base,
    registry: { ...base.registry, name: 'contoso' },
    connectedRegistries: [cr('sitenorth', null, ['mes-app']), cr('edgeline1', 'sitenorth', [])],
    tokens: [token('sitenorth', sitenorthSync), token('edgeline1'), token('mes-app')],
    scopeMaps: [
      {
        id: '/s/p',
        name: 'pull',
        type: 'UserDefined',
        actions: ['repositories/app/content/read'],
        usedBy: [],
      },
    ],
  };
}

const reportOf = (overview: RegistryOverview) =>
  renderAccessReport({
    overview,
    stamp: exportStamp(overview, NOW),
    findings: computeFindings(overview, NOW),
    tokens: tokenEntries(overview, NOW),
    access: effectiveAccessEntries(overview).entries,
    nonce: 'n',
  });

describe('the report on a hierarchy', () => {
  it("names a child's sync token in the inventory's accepted-by with how the parent accepts it", () => {
    const html = reportOf(nested('enabled'));
    expect(html).toContain('sitenorth <span class="muted">(sync token of child edgeline1)</span>');
    expect(html).toContain('sitenorth <span class="muted">(client token)</span>');
    expect(html).toContain('Accepts its client tokens and the sync tokens of its direct children.');
    expect(html).not.toContain('<strong>Disabled:</strong>');
  });

  it('says a connected registry is disabled by its sync token, and shows nothing effective there', () => {
    const html = reportOf(nested('disabled'));
    const section = html.slice(html.indexOf('<h3>Connected registry sitenorth'));
    expect(section).toContain(
      '<strong>Disabled:</strong> its sync token <code>sitenorth</code> is disabled, so nothing is effective here.',
    );
    const table = section.slice(0, section.indexOf('</table>'));
    expect(table).toContain('sitenorth is disabled: its sync token sitenorth is disabled');
    expect(table).not.toMatch(/<td>content\/read<\/td>/);
  });
});

describe('the report summary', () => {
  const o = hostile();
  const findings = computeFindings(o, NOW);

  it('needs only the findings, escapes every value and links each section as its own page', () => {
    const html = renderAccessReport({
      overview: o,
      stamp: exportStamp(o, NOW),
      section: 'summary',
      findings,
      nonce: 'n',
    });
    expect(html).not.toMatch(/<script|<img|<link|\sstyle=|onerror=alert\(1\)>/i);
    expect(html).toContain('<tr><td>Tokens</td><td>1</td></tr>');
    expect(html).toContain(`<tr><td>Findings</td><td>${findings.length}</td></tr>`);
    expect(html).toContain('<a href="?section=effective-access">');
    expect(html).not.toContain('<h2>Token inventory');
  });

  it('refuses to render a section without the data it shows', () => {
    expect(() =>
      renderAccessReport({
        overview: o,
        stamp: exportStamp(o, NOW),
        section: 'tokens',
        nonce: 'n',
      }),
    ).toThrow(/tokens report needs tokens/);
  });

  it('lists kinds of finding most severe first, then by how many targets have each', () => {
    const groups = topFindings(findings);
    expect(groups.length).toBeGreaterThan(2);
    expect(groups.length).toBe(Math.min(new Set(findings.map((f) => f.id)).size, TOP_FINDINGS));
    const rank = (s: string) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(s);
    for (let i = 1; i < groups.length; i++) {
      const [a, b] = [groups[i - 1]!, groups[i]!];
      expect(
        rank(a.severity) < rank(b.severity) || (a.severity === b.severity && a.count >= b.count),
      ).toBe(true);
    }
    for (const g of groups) {
      expect(g.count).toBe(findings.filter((f) => f.id === g.id).length);
      expect(g.examples.length).toBe(Math.min(3, g.count));
    }
  });
});
