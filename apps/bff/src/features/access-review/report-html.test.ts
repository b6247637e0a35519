import { describe, expect, it } from 'vitest';
import {
  computeFindings,
  effectiveAccessEntries,
  exportStamp,
  tokenEntries,
  type RegistryOverview,
} from '@latchkey/domain';
import { esc, renderAccessReport } from './report-html';

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
