/**
 * The unmodified az CLI (Debian's azure-cli 2.45) against local Azure: a
 * custom cloud in a temporary AZURE_CONFIG_DIR, registered and signed in with
 * the README's own lines, REQUESTS_CA_BUNDLE on the local CA, and every
 * non-loopback request sent to a loopback proxy that refuses (and counts) it.
 * Each command's output is checked, and the emulator's state through the SDK.
 *
 * One local Azure for the suite, commands in sequence (later steps use what
 * earlier ones made). Every test's timeout is below az's 30 s default poll
 * wait, so a long-running operation answered without Retry-After fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/clock';
import { startLocalAzure, type LocalAzure } from '../../src/server';
import {
  DEMO_CLIENTS,
  DEMO_REGISTRY,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT_ID,
} from '../../src/scenario/contoso';
import { appCredential, collect, FROZEN_AT, sdk } from '../contract/stack';
import { ensureAz } from './find-az';

const REG = DEMO_REGISTRY.name;
const RG = DEMO_REGISTRY.resourceGroup;
/** Under az's 30 s default poll interval: a missing Retry-After makes the test time out. */
const STEP = 25_000;
const README = join(import.meta.dirname, '../../../../README.md');

interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The README's az lines (its "Point the az CLI at it" block), ports swapped for this run's. */
export function readmeAzLines(readme: string, endpoints: { arm: string; idp: string }): string[][] {
  const section = readme.split(/^### /m).find((s) => s.startsWith('The az CLI'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no "### The az CLI" section with a ```sh block');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('az '))
    .map((line) =>
      line
        .replaceAll('https://127.0.0.1:8443', endpoints.arm)
        .replaceAll('https://127.0.0.1:8444', endpoints.idp)
        .split(/\s+/)
        .slice(1),
    );
}

describe('the az CLI against local Azure', () => {
  let azPath: string;
  let azure: LocalAzure;
  let dataDir: string;
  let configDir: string;
  let proxy: Server;
  let proxyPort = 0;
  /** What az tried to reach beyond loopback: the proxy request lines. */
  const proxied: string[] = [];
  let client: ContainerRegistryManagementClient;

  const run = (args: string[]): Promise<AzResult> =>
    new Promise((resolve) => {
      const proxyUrl = `http://127.0.0.1:${proxyPort}`;
      execFile(
        azPath,
        args,
        {
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: configDir,
            AZURE_CONFIG_DIR: configDir,
            REQUESTS_CA_BUNDLE: azure.caCertPath,
            HTTPS_PROXY: proxyUrl,
            HTTP_PROXY: proxyUrl,
            https_proxy: proxyUrl,
            http_proxy: proxyUrl,
            NO_PROXY: '127.0.0.1',
            no_proxy: '127.0.0.1',
            AZURE_CORE_COLLECT_TELEMETRY: 'false',
            AZURE_CORE_NO_COLOR: 'true',
            AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
          },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });

  /** Runs az with JSON output and parses it; fails with az's own error text otherwise. */
  const az = async <T = Record<string, unknown>>(...args: string[]): Promise<T> => {
    const r = await run([...args, '--output', 'json']);
    if (r.code !== 0) throw new Error(`az ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return (r.stdout.trim() === '' ? undefined : JSON.parse(r.stdout)) as T;
  };
  const acr = <T = Record<string, unknown>>(...args: string[]): Promise<T> =>
    az<T>(...args, '--registry', REG);

  /** Runs an az command that must give token `name` a new password1, and checks the emulator did. */
  const withNewPassword1 = async <T>(name: string, command: () => Promise<T>): Promise<T> => {
    const createdAt = async () =>
      (await client.tokens.get(RG, REG, name)).credentials?.passwords
        ?.find((p) => p.name === 'password1')
        ?.creationTime?.getTime();
    const before = await createdAt();
    azure.clock.advance(60_000);
    const out = await command();
    const after = await createdAt();
    expect(after).not.toBe(before);
    expect(after).toBe(azure.clock.now());
    return out;
  };

  beforeAll(async () => {
    azPath = ensureAz();
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-az-'));
    configDir = mkdtempSync(join(tmpdir(), 'latchkey-az-config-'));
    // The "internet": a proxy on loopback that accepts nothing it is sent, and counts.
    proxy = createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        proxied.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
        socket.destroy();
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    if (address === null || typeof address === 'string') throw new Error('no proxy port');
    proxyPort = address.port;
    azure = await startLocalAzure({
      dataDir,
      scenario: 'demo',
      clock: new ControllableClock({ frozenAt: FROZEN_AT }),
    });
    client = sdk(azure, appCredential(azure, 'automation'));
  }, 600_000);

  afterAll(async () => {
    await azure?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  it(
    'registers the cloud and signs in with the README lines (ADFS-shaped authority)',
    async () => {
      const lines = readmeAzLines(readFileSync(README, 'utf8'), {
        arm: azure.armEndpoint,
        idp: azure.identity.httpsOrigin,
      });
      expect(lines.map((l) => l.slice(0, 2).join(' '))).toEqual([
        'cloud register',
        'cloud set',
        'login --service-principal',
      ]);
      for (const args of lines.slice(0, -1)) {
        const r = await run(args);
        expect(r.code, `az ${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      const subscriptions = await az<{ id: string; tenantId: string; user: { name: string } }[]>(
        ...(lines.at(-1) ?? []),
      );
      expect(subscriptions.map((s) => s.id).sort()).toEqual([
        '11111111-2222-4333-8444-555555555501',
        '11111111-2222-4333-8444-555555555502',
      ]);
      expect(subscriptions[0]).toMatchObject({
        tenantId: DEMO_TENANT_ID,
        user: { name: DEMO_CLIENTS.automation.clientId },
      });
      const account = await az<{ id: string; environmentName: string }>('account', 'show');
      expect(account.environmentName).toBe('LocalAzure');
    },
    STEP,
  );

  it(
    'lists and shows registries, with the policies real Azure fills in',
    async () => {
      // az lists the current subscription's registries (the first one after login).
      const list = await az<{ name: string; resourceGroup: string }[]>('acr', 'list');
      expect(list.map((r) => [r.name, r.resourceGroup])).toEqual([[REG, RG]]);
      const other = await az<{ name: string }[]>(
        'acr',
        'list',
        '--subscription',
        DEMO_SUBSCRIPTIONS.factories.subscriptionId,
      );
      expect(other.map((r) => r.name)).toEqual(['contosodev']);
      const reg = await az<Record<string, unknown>>('acr', 'show', '--name', REG);
      expect(reg).toMatchObject({
        name: REG,
        resourceGroup: RG,
        loginServer: `${REG}.azurecr.io`,
        dataEndpointEnabled: true,
        policies: {
          retentionPolicy: { days: 7, status: 'disabled' },
          softDeletePolicy: { retentionDays: 7, status: 'disabled' },
          exportPolicy: { status: 'enabled' },
        },
      });
      const policies = reg.policies as Record<string, { lastUpdatedTime?: string }>;
      expect(policies.retentionPolicy?.lastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(policies.softDeletePolicy?.lastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    },
    STEP,
  );

  it(
    'lists and shows tokens',
    async () => {
      const tokens = await acr('acr', 'token', 'list');
      const state = await collect(client.tokens.list(RG, REG));
      expect((tokens as unknown as { name: string }[]).map((t) => t.name).sort()).toEqual(
        state.map((t) => t.name).sort(),
      );
      const token = await acr('acr', 'token', 'show', '--name', 'sitenorth');
      expect(token).toMatchObject({ name: 'sitenorth', status: 'enabled' });
      expect(token.scopeMapId).toMatch(/\/scopeMaps\/sitenorth$/);
    },
    STEP,
  );

  it(
    'creates a token for a repository, with two passwords (token create is long-running)',
    async () => {
      const created = await acr(
        'acr',
        'token',
        'create',
        '--name',
        'ci-token',
        '--repository',
        'apps/web',
        'content/read',
        'content/write',
      );
      const creds = created.credentials as { username: string; passwords: { value: string }[] };
      expect(creds.username).toBe('ci-token');
      expect(creds.passwords).toHaveLength(2);
      expect(creds.passwords.every((p) => p.value.length >= 40)).toBe(true);
      const token = await client.tokens.get(RG, REG, 'ci-token');
      expect(token.scopeMapId).toMatch(/\/scopeMaps\/ci-token-scope-map$/);
      expect(token.credentials?.passwords?.map((p) => p.name).sort()).toEqual([
        'password1',
        'password2',
      ]);
      const map = await client.scopeMaps.get(RG, REG, 'ci-token-scope-map');
      expect(map.actions?.sort()).toEqual([
        'repositories/apps/web/content/read',
        'repositories/apps/web/content/write',
      ]);
    },
    STEP,
  );

  it(
    'generates a new password, disables and deletes the token',
    async () => {
      const generated = await withNewPassword1('ci-token', () =>
        acr('acr', 'token', 'credential', 'generate', '--name', 'ci-token', '--password1'),
      );
      expect((generated.passwords as { name: string }[]).map((p) => p.name)).toEqual(['password1']);

      const disabled = await acr(
        'acr',
        'token',
        'update',
        '--name',
        'ci-token',
        '--status',
        'disabled',
      );
      expect(disabled.status).toBe('disabled');
      expect((await client.tokens.get(RG, REG, 'ci-token')).status).toBe('disabled');

      await acr('acr', 'token', 'delete', '--name', 'ci-token', '--yes');
      const names = (await collect(client.tokens.list(RG, REG))).map((t) => t.name);
      expect(names).not.toContain('ci-token');
    },
    STEP * 2,
  );
  it(
    'lists, shows, creates, extends and deletes scope maps',
    async () => {
      const maps = await acr<{ name: string; typePropertiesType: string }[]>(
        'acr',
        'scope-map',
        'list',
      );
      const state = await collect(client.scopeMaps.list(RG, REG));
      expect(maps.map((m) => m.name)).toEqual(state.map((m) => m.name));
      expect(maps.filter((m) => m.typePropertiesType === 'SystemDefined')).toHaveLength(5);

      const system = await acr('acr', 'scope-map', 'show', '--name', '_repositories_pull');
      expect(system).toMatchObject({
        name: '_repositories_pull',
        typePropertiesType: 'SystemDefined',
      });

      const created = await acr(
        'acr',
        'scope-map',
        'create',
        '--name',
        'cli-map',
        '--repository',
        'apps/web',
        'content/read',
        '--description',
        'made-by-az',
      );
      expect(created).toMatchObject({ name: 'cli-map', description: 'made-by-az' });
      const updated = await acr(
        'acr',
        'scope-map',
        'update',
        '--name',
        'cli-map',
        '--add-repository',
        'apps/api',
        'content/read',
      );
      expect((updated.actions as string[]).sort()).toEqual([
        'repositories/apps/api/content/read',
        'repositories/apps/web/content/read',
      ]);
      expect((await client.scopeMaps.get(RG, REG, 'cli-map')).actions?.sort()).toEqual([
        'repositories/apps/api/content/read',
        'repositories/apps/web/content/read',
      ]);

      await acr('acr', 'scope-map', 'delete', '--name', 'cli-map', '--yes');
      const names = (await collect(client.scopeMaps.list(RG, REG))).map((m) => m.name);
      expect(names).not.toContain('cli-map');
    },
    STEP * 2,
  );

  it(
    'lists and shows connected registries, their client tokens and TLS settings',
    async () => {
      const list = await acr<{ name: string; parent: { id?: string } }[]>(
        'acr',
        'connected-registry',
        'list',
      );
      const state = await collect(client.connectedRegistries.list(RG, REG));
      expect(list.map((c) => c.name).sort()).toEqual(state.map((c) => c.name).sort());

      const shown = await acr('acr', 'connected-registry', 'show', '--name', 'sitenorth');
      expect(shown).toMatchObject({
        name: 'sitenorth',
        mode: 'ReadWrite',
        activation: { status: 'Active' },
        loginServer: {
          tls: {
            status: 'Enabled',
            certificate: { type: 'LocalDirectory', location: '/var/acr/certs' },
          },
        },
      });

      const clients = await acr<{ name: string }[]>(
        'acr',
        'connected-registry',
        'list-client-tokens',
        '--name',
        'edgeline1',
      );
      const edge = await client.connectedRegistries.get(RG, REG, 'edgeline1');
      expect(clients.map((t) => t.name).sort()).toEqual(
        (edge.clientTokenIds ?? []).map((id) => id.split('/').at(-1)).sort(),
      );
      expect(clients.length).toBeGreaterThan(0);
    },
    STEP,
  );

  it(
    'gets the settings of a connected registry with a new sync-token password',
    async () => {
      const settings = await withNewPassword1('edgeline1', () =>
        acr(
          'acr',
          'connected-registry',
          'get-settings',
          '--name',
          'edgeline1',
          '--parent-protocol',
          'https',
          '--generate-password',
          '1',
          '--yes',
        ),
      );
      expect(settings.SYNC_TOKEN_USER).toBe('edgeline1');
      const password = String(settings.SYNC_TOKEN_PASSWORD);
      expect(password.length).toBeGreaterThanOrEqual(40);
      expect(String(settings.ACR_REGISTRY_CONNECTION_STRING)).toContain(
        `SyncTokenPassword=${password};`,
      );
    },
    STEP,
  );

  it(
    'creates a connected registry under a parent, extends its permissions, deactivates one',
    async () => {
      const created = await acr(
        'acr',
        'connected-registry',
        'create',
        '--name',
        'edgecli',
        '--parent',
        'sitenorth',
        '--repository',
        'apps/web',
        '--mode',
        'ReadOnly',
      );
      expect(created).toMatchObject({
        name: 'edgecli',
        mode: 'ReadOnly',
        provisioningState: 'Succeeded',
      });
      const cr = await client.connectedRegistries.get(RG, REG, 'edgecli');
      expect(cr.parent?.id).toMatch(/\/connectedRegistries\/sitenorth$/);
      expect(cr.parent?.syncProperties.tokenId).toMatch(/\/tokens\/edgecli$/);
      const syncMap = await client.scopeMaps.get(RG, REG, 'edgecli');
      expect(syncMap.actions).toContain('repositories/apps/web/content/read');

      await acr(
        'acr',
        'connected-registry',
        'permissions',
        'update',
        '--name',
        'edgecli',
        '--add',
        'apps/api',
      );
      const extended = await client.scopeMaps.get(RG, REG, 'edgecli');
      expect(extended.actions).toContain('repositories/apps/api/content/read');
      // The parent must be able to sync what its child syncs.
      const parentMap = await client.scopeMaps.get(RG, REG, 'sitenorth');
      expect(parentMap.actions).toContain('repositories/apps/api/content/read');

      await acr('acr', 'connected-registry', 'deactivate', '--name', 'edgeline4', '--yes');
      const deactivated = await client.connectedRegistries.get(RG, REG, 'edgeline4');
      expect(deactivated.activation?.status).toBe('Inactive');
    },
    STEP * 2,
  );

  it(
    'deletes a connected registry with --cleanup: its sync token and scope map go too',
    async () => {
      await acr('acr', 'connected-registry', 'delete', '--name', 'edgecli', '--cleanup', '--yes');
      const crs = (await collect(client.connectedRegistries.list(RG, REG))).map((c) => c.name);
      expect(crs).not.toContain('edgecli');
      const tokens = (await collect(client.tokens.list(RG, REG))).map((t) => t.name);
      expect(tokens).not.toContain('edgecli');
      const maps = (await collect(client.scopeMaps.list(RG, REG))).map((m) => m.name);
      expect(maps).not.toContain('edgecli');
      const parentMap = await client.scopeMaps.get(RG, REG, 'sitenorth');
      expect(parentMap.actions).toContain('repositories/apps/web/content/read');
    },
    STEP,
  );

  it('sent nothing beyond loopback but its own first-run version check', () => {
    // On its first run in a config folder az asks azure.microsoft.com once whether it is
    // up to date (refused here, which az ignores). Nothing else may leave loopback: no
    // instance discovery, no public ARM or login endpoint.
    const versionCheck = 'CONNECT azure.microsoft.com:443 ';
    expect(proxied.filter((line) => !line.startsWith(versionCheck))).toEqual([]);
    expect(proxied.length).toBeLessThanOrEqual(1);
  });
});
