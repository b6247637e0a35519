/**
 * Reveal-once credentials carry one `docker login` line for the cloud registry
 * and one per activated connected registry that accepts the token as a client
 * token, at the login server host Azure reports for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  credentialResultSchema,
  registryOverviewSchema,
  type RegistryPath,
} from '@latchkey/domain';
import { startDemoHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin } = await startDemoHarness());
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function overview() {
  const res = await h.get(apiPaths.overview(r), admin);
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

async function generate(token: string) {
  const res = await h.post(apiPaths.tokenPasswords(r, token), {
    cookie: admin,
    body: { slot: 'password2' },
  });
  expect(res.status).toBe(200);
  return credentialResultSchema.parse(await res.json());
}

describe('docker login lines', () => {
  it('reports the login server host of activated connected registries only', async () => {
    const crs = (await overview()).connectedRegistries;
    const host = (name: string) => crs.find((c) => c.name === name)!.loginServerHost;
    expect(host('sitenorth')).toBe('sitenorth.contosoregistry.local');
    // Created two hours ago and never deployed: Azure knows no host for it.
    expect(host('edgespare1')).toBeUndefined();
  });

  it('gives a client token of an active edge registry a line for the cloud and one for the edge', async () => {
    const body = await generate('mes-north-app');
    const cloud = (await overview()).registry.loginServer;
    expect(body.credentials.dockerLogin.map((d) => d.server)).toEqual([
      cloud,
      'sitenorth.contosoregistry.local',
    ]);
    for (const line of body.credentials.dockerLogin) {
      expect(line.command).toBe(
        `docker login ${line.server} --username mes-north-app --password-stdin`,
      );
      // The password goes through stdin, never on the command line.
      expect(line.command).not.toContain(body.credentials.passwords[0]!.value);
    }
  });

  it('lists every active connected registry that accepts the token, once each', async () => {
    const body = await generate('fleet-monitor');
    const servers = body.credentials.dockerLogin.map((d) => d.server);
    expect(servers.slice(1).sort()).toEqual(
      ['edgeline1', 'edgeline2', 'edgeline3', 'edgeline4'].map((n) => `${n}.contosoregistry.local`),
    );
    expect(new Set(servers).size).toBe(servers.length);
  });

  it('gives only the cloud line when the accepting connected registry was never activated', async () => {
    const body = await generate('spare1-client');
    expect(body.credentials.dockerLogin.map((d) => d.server)).toEqual([
      (await overview()).registry.loginServer,
    ]);
  });
});
