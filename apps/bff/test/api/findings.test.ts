import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiPaths, findingsResponseSchema, type RegistryPath } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let r: RegistryPath;

beforeAll(async () => {
  h = await startHarness();
  const reg = h.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  r = {
    subscriptionId: reg.subscriptionId,
    resourceGroup: reg.resourceGroup,
    registryName: reg.name,
  };
}, 60_000);

afterAll(async () => {
  await h?.close();
});

it('lets reviewers and admins read the findings, and nobody else', async () => {
  const [reviewer, admin, noRole] = await Promise.all([
    h.signIn('Riley Reviewer'),
    h.signIn('Avery Admin'),
    h.signIn('Nico NoRole'),
  ]);
  expect((await h.get(apiPaths.findings(r))).status).toBe(401);
  expect((await h.get(apiPaths.findings(r), noRole)).status).toBe(403);
  expect((await h.get(apiPaths.findings(r), admin)).status).toBe(200);
  const body = findingsResponseSchema.parse(
    await (await h.get(apiPaths.findings(r), reviewer)).json(),
  );
  const found = new Set(body.findings.map((f) => `${f.id} ${f.target.kind}:${f.target.name}`));
  // Findings the demo scenario was built to show (packages/local-azure/SCENARIOS.md).
  // The exact list is the access-review issue's acceptance test.
  for (const expected of [
    'password.expired token:line1-camera01',
    'password.no-expiry token:line1-camera02',
    'token.no-scope-map token:legacy-deployer',
    'token.enabled-without-password token:new-service',
    'scope-map.unused scope-map:old-team-pull',
    'client-token.disabled-attached token:line2-lost-tablet',
    'connected-registry.down-over-24-hours connected-registry:edgeline3',
    'connected-registry.down-over-24-hours connected-registry:edgeline2',
  ]) {
    expect(found, expected).toContain(expected);
  }
  // A clean token has none.
  expect([...found].filter((f) => f.endsWith('token:north-build-agent'))).toEqual([]);
}, 60_000);
