import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  credentialResultSchema,
  effectiveAccessColumns,
  effectiveAccessExportSchema,
  effectiveAccessRows,
  errorBodySchema,
  findingColumns,
  findingsExportSchema,
  findingsResponseSchema,
  parseCsv,
  registryOverviewSchema,
  reportSections,
  toCsv,
  tokenColumns,
  tokensExportSchema,
  type Finding,
  type RegistryPath,
} from '@latchkey/domain';
import { setTokenStatusInAzure, startDemoHarness, type Harness } from './harness';

let h: Harness;
let r: RegistryPath;
let dev: RegistryPath;
let admin: string;
let reviewer: string;
let noRole: string;

beforeAll(async () => {
  ({ h, r, admin, reviewer, noRole } = await startDemoHarness());
  const d = h.azure.scenario().registries.find((x) => x.name === 'contosodev')!;
  dev = { subscriptionId: d.subscriptionId, resourceGroup: d.resourceGroup, registryName: d.name };
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** `id kind:name[/slot][@connected registry]`: one line per finding, easy to read in a diff. */
const line = (f: Finding) =>
  `${f.id} ${f.target.kind}:${f.target.name}` +
  (f.target.slot ? `/${f.target.slot}` : '') +
  (f.target.connectedRegistry ? `@${f.target.connectedRegistry}` : '');

/** CSV text → objects keyed by the header row. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((c, i) => [c, row[i] ?? ''])));
}

// Read from packages/local-azure/src/scenario/demo.ts and SCENARIOS.md by hand,
// not from the engine: each line names the scenario fact behind it.
const expectedContoso = [
  // Sync tokens.
  'password.expiring-7-days token:sitesouth/password1', // expires in 5 days
  'password.no-expiry token:edgeline3-sync-token/password1', // created 400 days ago, never expires
  'password.older-than-90-days token:edgeline3-sync-token/password1',
  'sync-token.password-never-rotated token:edgeline3-sync-token@edgeline3', // password as old as the token
  'token.enabled-without-password token:edgespare1', // get-settings never generated one
  // Connected registries.
  'connected-registry.child-syncs-unsynced-repository connected-registry:edgeline2', // plc-bridge, not on sitenorth
  'connected-registry.down-over-24-hours connected-registry:edgeline2', // Unhealthy for 30 h
  'connected-registry.down-over-24-hours connected-registry:edgeline3', // Offline for 3 days
  // (edgeline4 is Offline for 40 minutes only; edgespare1 was never activated.)
  // No connected-registry.never-activated: edgespare1, the only Inactive one, was
  // created 2 hours ago, well within the 7-day window.
  // No connected-registry.disabled-by-sync-token: every sync token is enabled
  // (the only disabled tokens, line2-lost-tablet and temp-contractor, sync nothing).
  // No sync-token.ancestor-missing-gateway-permissions: the scenario builds each
  // ancestor's map with every descendant's gateway actions (build.ts,
  // syncScopeMapActions); only plc-bridge was edited by hand, not a gateway action.
  // Client tokens.
  'password.expiring-30-days token:mes-north-app/password1', // 20 days left
  'password.expiring-7-days token:mes-south-app/password1', // 2 days left (slot 2 is new)
  'scope-map.registry-wide-wildcard scope-map:all-repos-read', // ops-readall
  'password.expired token:line1-camera01/password1', // expired 3 days ago
  'password.no-expiry token:line1-camera02/password1',
  'client-token.delete-permission token:line1-hmi', // line-agent-admin
  'client-token.write-on-read-only token:line1-hmi@edgeline1',
  'password.older-than-90-days token:line2-camera01/password1', // created 120 days ago
  'client-token.disabled-attached token:line2-lost-tablet@edgeline2',
  'client-token.unsynced-repository token:line3-scanner@edgeline3', // vision-model
  'scope-map.registry-wide-wildcard scope-map:_repositories_pull', // system map, used by line4-camera01
  'token.enabled-without-password token:spare1-client',
  // No client-token.gateway-permissions: no client scope map of the scenario
  // holds a gateway/… action (CLIENT_SCOPE_MAPS: repositories only).
  // Unattached tokens.
  'password.expired token:ci-pipeline/password1', // expired 40 days ago (no "older than 90" on top)
  'password.no-expiry token:legacy-deployer/password1',
  'password.older-than-90-days token:legacy-deployer/password1', // 500 days
  'token.no-scope-map token:legacy-deployer',
  'password.expired token:temp-contractor/password1', // disabled and expired
  'token.enabled-without-password token:new-service',
  'scope-map.registry-wide-wildcard scope-map:_repositories_pull_metadata_read', // audit-export
  // Scope maps.
  'scope-map.unused scope-map:old-team-pull',
].sort();

const expectedDev = [
  'password.no-expiry token:dev-ci/password1',
  'password.expiring-30-days token:dev-reader/password1', // 25 days left
  'scope-map.registry-wide-wildcard scope-map:_repositories_pull', // dev-reader
  'scope-map.registry-wide-wildcard scope-map:sandbox-all', // disabled dev-sandbox still uses it
  'scope-map.unused scope-map:dev-unused',
].sort();

// Runs first: later tests change the scenario (a new password).
describe('the demo scenario', () => {
  it('has exactly the findings it was built to show', async () => {
    for (const [ref, expected] of [
      [r, expectedContoso],
      [dev, expectedDev],
    ] as const) {
      const res = await h.get(apiPaths.findings(ref), reviewer);
      expect(res.status).toBe(200);
      const body = findingsResponseSchema.parse(await res.json());
      expect(body.findings.map(line).sort(), ref.registryName).toEqual(expected);
    }
  });
});

const routes = () => [
  apiPaths.exportFindings(r, 'csv'),
  apiPaths.exportFindings(r, 'json'),
  apiPaths.exportTokens(r, 'csv'),
  apiPaths.exportTokens(r, 'json'),
  apiPaths.exportEffectiveAccess(r, 'csv'),
  apiPaths.exportEffectiveAccess(r, 'json'),
  apiPaths.exportEffectiveAccess(r, 'json', 'edgeline1'),
  apiPaths.accessReport(r),
  ...reportSections.map((section) => apiPaths.accessReport(r, section)),
];

describe('exports and report', () => {
  it('answer anonymous 401, no role 403, reviewer and admin 200', async () => {
    for (const path of routes()) {
      expect((await h.get(path)).status, path).toBe(401);
      expect((await h.get(path, noRole)).status, path).toBe(403);
      expect((await h.get(path, admin)).status, path).toBe(200);
      expect((await h.get(path, reviewer)).status, path).toBe(200);
    }
  });

  it('are stamped, uncacheable downloads with the right type and file name', async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      [
        apiPaths.exportFindings(r, 'csv'),
        /^text\/csv; charset=utf-8$/,
        /^attachment; filename="latchkey-findings-contosoregistry-\d{8}T\d{4}Z\.csv"$/,
      ],
      [
        apiPaths.exportTokens(r, 'json'),
        /^application\/json/,
        /^attachment; filename="latchkey-tokens-contosoregistry-\d{8}T\d{4}Z\.json"$/,
      ],
      [
        apiPaths.exportEffectiveAccess(r, 'csv', 'edgeline1'),
        /^text\/csv/,
        /^attachment; filename="latchkey-effective-access-contosoregistry-edgeline1-\d{8}T\d{4}Z\.csv"$/,
      ],
      [
        apiPaths.accessReport(r, 'all'),
        /^text\/html; charset=utf-8$/,
        /^inline; filename="latchkey-access-review-contosoregistry-\d{8}T\d{4}Z\.html"$/,
      ],
      [
        apiPaths.accessReport(r),
        /^text\/html; charset=utf-8$/,
        /^inline; filename="latchkey-access-review-summary-contosoregistry-\d{8}T\d{4}Z\.html"$/,
      ],
    ];
    for (const [path, type, disposition] of cases) {
      const res = await h.get(path, reviewer);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('content-disposition'), path).toMatch(disposition);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      const at = Date.parse(res.headers.get('x-latchkey-generated-at') ?? '');
      expect(Math.abs(Date.now() - at), path).toBeLessThan(60_000);
      expect(res.headers.get('x-latchkey-registry'), path).toMatch(
        /\/registries\/contosoregistry$/i,
      );
    }
  });

  it('export the same findings as CSV and JSON, as the findings route computes them', async () => {
    const csv = await (await h.get(apiPaths.exportFindings(r, 'csv'), reviewer)).text();
    const [header] = parseCsv(csv);
    expect(header).toEqual([...findingColumns]);
    const doc = findingsExportSchema.parse(
      await (await h.get(apiPaths.exportFindings(r, 'json'), reviewer)).json(),
    );
    expect(doc.stamp).toMatchObject({
      registry: { name: 'contosoregistry' },
      scope: 'registry',
      generator: 'Latchkey',
    });
    expect(doc.findings.map(line).sort()).toEqual(expectedContoso);
    expect(
      csvObjects(csv)
        .map((f) => f.key)
        .sort(),
    ).toEqual(doc.findings.map((f) => f.key).sort());
    const expired = csvObjects(csv).find((f) =>
      f.key?.startsWith('password.expired:token:line1-camera01'),
    );
    expect(expired).toMatchObject({
      severity: 'high',
      slot: 'password1',
      fixAction: 'token.generate-password',
    });
  });

  it('export the token inventory with password states', async () => {
    const csv = await (await h.get(apiPaths.exportTokens(r, 'csv'), reviewer)).text();
    expect(parseCsv(csv)[0]).toEqual([...tokenColumns]);
    const rows = csvObjects(csv);
    expect(rows).toHaveLength(29); // SCENARIOS.md: 29 tokens
    const expired = rows
      .flatMap((t) =>
        (['password1', 'password2'] as const)
          .filter((s) => t[`${s}State`] === 'expired')
          .map((s) => `${t.name}/${s}`),
      )
      .sort();
    expect(expired).toEqual([
      'ci-pipeline/password1',
      'line1-camera01/password1',
      'temp-contractor/password1',
    ]);
    expect(rows.find((t) => t.name === 'fleet-monitor')).toMatchObject({
      kind: 'client',
      acceptedBy: 'edgeline1; edgeline2; edgeline3; edgeline4',
    });
    // A nested connected registry's sync token is accepted by its parent.
    expect(rows.find((t) => t.name === 'edgeline1')).toMatchObject({
      kind: 'sync',
      acceptedBy: 'sitenorth',
    });
    expect(rows.find((t) => t.name === 'sitenorth')!.acceptedBy).toBe('');
    expect(rows.find((t) => t.name === 'edgeline3-sync-token')).toMatchObject({
      kind: 'sync',
      syncTokenOf: 'edgeline3',
      password1State: 'no-expiry',
      password2State: 'missing',
    });
    const doc = tokensExportSchema.parse(
      await (await h.get(apiPaths.exportTokens(r, 'json'), reviewer)).json(),
    );
    expect(doc.tokens.map((t) => t.name)).toEqual(rows.map((t) => t.name));
    expect(doc.tokens.find((t) => t.name === 'new-service')!.passwords.map((p) => p.state)).toEqual(
      ['missing', 'missing'],
    );
  });

  it('export effective access: a client of a ReadOnly edge gets no write there, but does in the cloud', async () => {
    const csv = await (await h.get(apiPaths.exportEffectiveAccess(r, 'csv'), reviewer)).text();
    expect(parseCsv(csv)[0]).toEqual([...effectiveAccessColumns]);
    const rows = csvObjects(csv);
    const hmi = (place: string) =>
      rows.find(
        (x) =>
          x.place === place && x.token === 'line1-hmi' && x.repository === 'factory/line-agent',
      );
    expect(hmi('edgeline1')).toMatchObject({
      placeKind: 'connected-registry',
      mode: 'ReadOnly',
      permissions: 'content/read metadata/read',
      ineffective: 'content/write content/delete metadata/write',
    });
    expect(hmi('cloud')!.permissions).toBe(
      'content/read content/write content/delete metadata/read metadata/write',
    );
    // Every row on a ReadOnly connected registry carries read permissions only.
    const readOnly = new Set(['edgeline1', 'edgeline2', 'edgeline3', 'edgeline4', 'edgespare1']);
    const writes = rows.filter(
      (x) => readOnly.has(x.place ?? '') && /write|delete/.test(x.permissions ?? ''),
    );
    expect(writes).toEqual([]);
    // line3-scanner's vision-model grant does not reach edgeline3, which does not sync it.
    const scanner = rows.find(
      (x) =>
        x.place === 'edgeline3' &&
        x.token === 'line3-scanner' &&
        x.repository === 'factory/vision-model',
    );
    expect(scanner).toMatchObject({ permissions: '', ineffective: 'content/read metadata/read' });
    // edgeline1's sync token pulls factory/line-agent from its parent sitenorth.
    expect(
      rows.find(
        (x) =>
          x.place === 'sitenorth' &&
          x.token === 'edgeline1' &&
          x.repository === 'factory/line-agent',
      ),
    ).toMatchObject({
      permissions: 'content/read metadata/read',
      grantedBy:
        'repositories/factory/line-agent/content/read; repositories/factory/line-agent/metadata/read',
      acceptedAs: 'sync token of child edgeline1',
      gateway: '',
    });
    // Its gateway actions, too, as a gateway row.
    expect(
      rows.find(
        (x) => x.place === 'sitenorth' && x.token === 'edgeline1' && x.gateway === 'edgeline1',
      ),
    ).toMatchObject({
      repository: '',
      permissions: 'config/read config/write message/read message/write',
    });

    const one = effectiveAccessExportSchema.parse(
      await (await h.get(apiPaths.exportEffectiveAccess(r, 'json', 'edgeline1'), reviewer)).json(),
    );
    expect(one.stamp.scope).toBe('connected registry edgeline1');
    expect([...new Set(one.entries.map((e) => e.place))]).toEqual(['edgeline1']);
    expect([...new Set(one.entries.map((e) => e.token))].sort()).toEqual([
      'fleet-monitor',
      'line1-camera01',
      'line1-camera02',
      'line1-hmi',
    ]);
  });

  it('serve a printable, self-contained report whose only style carries the CSP nonce', async () => {
    const res = await h.get(apiPaths.accessReport(r, 'all'), reviewer);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|style="/i);
    for (const text of [
      'Access review: contosoregistry',
      'Findings (28)',
      'Token inventory (29)',
      'Connected registry edgeline1 (ReadOnly)',
      'Expired password',
      'Why it matters:',
      'How to fix:',
      'token line1-camera01 slot password1',
      'edgeline1 is ReadOnly: it serves pulls only',
    ]) {
      expect(html, text).toContain(text);
    }
  });

  it('stream exports whose text is what one JSON.stringify or toCsv of the whole document writes', async () => {
    const jsonText = await (
      await h.get(apiPaths.exportEffectiveAccess(r, 'json'), reviewer)
    ).text();
    const doc = effectiveAccessExportSchema.parse(JSON.parse(jsonText));
    expect(doc.entries.length).toBeGreaterThan(100);
    expect(jsonText).toBe(JSON.stringify(JSON.parse(jsonText), null, 2) + '\n');
    const csv = await (await h.get(apiPaths.exportEffectiveAccess(r, 'csv'), reviewer)).text();
    expect(csv).toBe(toCsv(effectiveAccessColumns, effectiveAccessRows(doc.entries)));
    for (const [format, schema] of [
      ['json', findingsExportSchema],
      ['json', tokensExportSchema],
    ] as const) {
      const path =
        schema === findingsExportSchema
          ? apiPaths.exportFindings(r, format)
          : apiPaths.exportTokens(r, format);
      const text = await (await h.get(path, reviewer)).text();
      schema.parse(JSON.parse(text));
      expect(text, path).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    }

    // The whole report shows one effective-access row per entry of the export.
    const all = await (await h.get(apiPaths.accessReport(r, 'all'), reviewer)).text();
    const access = all.slice(all.indexOf('<h2>Effective access</h2>'));
    expect(access.match(/<tr><td>/g)).toHaveLength(doc.entries.length);
  });

  it('open on a summary with counts, the top findings and a link to each section as its own page', async () => {
    const findings = findingsResponseSchema.parse(
      await (await h.get(apiPaths.findings(r), reviewer)).json(),
    ).findings;
    const html = await (await h.get(apiPaths.accessReport(r), reviewer)).text();
    expect(html).toContain('<title>Access review: contosoregistry: summary</title>');
    expect(html).toContain('<tr><td>Tokens</td><td>29</td></tr>');
    expect(html).toContain(`<tr><td>Findings</td><td>${findings.length}</td></tr>`);
    for (const section of ['findings', 'tokens', 'effective-access', 'all']) {
      expect(html, section).toContain(`<a href="?section=${section}">`);
    }
    // The most severe kind of finding leads the top findings.
    const top = html.slice(html.indexOf('<h2>Top findings</h2>'));
    const worst =
      findings.find((f) => f.severity === 'critical') ??
      findings.find((f) => f.severity === 'high')!;
    expect(top.indexOf('<tr><td>')).toBe(
      top.indexOf(`<tr><td><span class="sev">${worst.severity}</span>`),
    );
    // It computes and shows no inventory or effective access.
    expect(html).not.toContain('<h2>Token inventory');
    expect(html).not.toContain('<h2>Effective access');

    const pages = {
      findings: 'Findings (',
      tokens: 'Token inventory (29)',
      'effective-access': 'Effective access',
    } as const;
    for (const [section, heading] of Object.entries(pages)) {
      const page = await (
        await h.get(apiPaths.accessReport(r, section as keyof typeof pages), reviewer)
      ).text();
      expect(page, section).toContain(`<h2>${heading}`);
      expect(page, section).toContain('<a href="?section=summary">Back to the summary</a>');
      for (const [other, otherHeading] of Object.entries(pages)) {
        if (other !== section) expect(page, section).not.toContain(`<h2>${otherHeading}`);
      }
    }
    const bad = await h.get(`${apiPaths.accessReport(r)}?section=everything`, reviewer);
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).error.details?.[0]?.field).toBe('section');
  });
});

describe('bad input', () => {
  it('refuses a format other than csv or json, naming format', async () => {
    for (const path of [
      apiPaths.exportFindings(r, 'xml' as 'csv'),
      apiPaths.exportTokens(r, 'xml' as 'csv'),
      apiPaths.exportEffectiveAccess(r, 'xml' as 'csv'),
      apiPaths.exportFindings(r, 'csv').replace('?format=csv', ''),
    ]) {
      const res = await h.get(path, reviewer);
      expect(res.status, path).toBe(400);
      const body = errorBodySchema.parse(await res.json());
      expect(
        body.error.details?.map((d) => d.field),
        path,
      ).toEqual(['format']);
    }
  });

  it('answers 404 naming an unknown connected registry, and 400 for an unknown parameter', async () => {
    const res = await h.get(apiPaths.exportEffectiveAccess(r, 'csv', 'nosuchedge'), reviewer);
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(await res.json()).error.message).toContain('nosuchedge');
    const extra = await h.get(`${apiPaths.exportTokens(r, 'csv')}&columns=all`, reviewer);
    expect(extra.status).toBe(400);
  });
});

describe('secrets', () => {
  it('appear in no export, report or audit export after a password is generated', async () => {
    const gen = await h.post(apiPaths.tokenPasswords(r, 'release-manager'), {
      cookie: admin,
      body: { slot: 'password2' },
    });
    expect(gen.status).toBe(200);
    const secret = credentialResultSchema.parse(await gen.json()).credentials.passwords[0]!.value;
    expect(secret.length).toBeGreaterThan(20);
    const bodies: Array<[string, string]> = [];
    for (const path of [...routes(), apiPaths.auditExport('csv'), apiPaths.auditExport('json')]) {
      const res = await h.get(path, reviewer);
      expect(res.status, path).toBe(200);
      bodies.push([path, await res.text()]);
    }
    for (const [path, body] of bodies) expect(body.includes(secret), path).toBe(false);
    // The new slot is in the inventory (so the export did read the changed token).
    const tokens = csvObjects(bodies.find(([p]) => p === apiPaths.exportTokens(r, 'csv'))![1]);
    expect(tokens.find((t) => t.name === 'release-manager')!.password2State).toBe('valid');
    expect(h.logs.join('').includes(secret)).toBe(false);
  });
});

describe('never-activated connected registries', () => {
  it("read their creation time from Azure's systemData, which the finding's window uses", async () => {
    const res = await h.get(apiPaths.overview(r), reviewer);
    const overview = registryOverviewSchema.parse(await res.json());
    const spare = overview.connectedRegistries.find((c) => c.name === 'edgespare1')!;
    const scenario = h.azure
      .scenario()
      .registries.find((x) => x.name === r.registryName)!
      .connectedRegistries.find((c) => c.name === 'edgespare1')!;
    expect(spare.activation).toBe('Inactive');
    expect(Date.parse(spare.createdAt!)).toBe(Date.parse(scenario.createdAt));
  });
});

describe('a sync token disabled in Azure, not through the console', () => {
  const setStatusInAzure = (token: string, status: 'enabled' | 'disabled') =>
    setTokenStatusInAzure(h, r, token, status);

  it('shows nothing effective on its connected registry, with the reason, and the finding', async () => {
    await setStatusInAzure('edgeline4', 'disabled');
    try {
      const doc = effectiveAccessExportSchema.parse(
        await (
          await h.get(apiPaths.exportEffectiveAccess(r, 'json', 'edgeline4'), reviewer)
        ).json(),
      );
      expect(doc.entries.length).toBeGreaterThan(0);
      expect(doc.entries.flatMap((e) => e.granted)).toEqual([]);
      expect(new Set(doc.entries.flatMap((e) => e.removed.map((g) => g.reason)))).toEqual(
        new Set(['registry-disabled']),
      );
      expect(doc.entries[0]!.removed[0]!.explanation).toBe(
        'edgeline4 is disabled: its sync token edgeline4 is disabled',
      );
      const body = findingsResponseSchema.parse(
        await (await h.get(apiPaths.findings(r), reviewer)).json(),
      );
      const found = body.findings.map(line);
      expect(found).toContain(
        'connected-registry.disabled-by-sync-token connected-registry:edgeline4',
      );
      // Exactly one more finding than the scenario was built with.
      expect(found.length).toBe(expectedContoso.length + 1);
    } finally {
      await setStatusInAzure('edgeline4', 'enabled');
    }
  });
});
