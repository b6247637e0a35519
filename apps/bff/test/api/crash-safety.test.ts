/**
 * The BFF as a real process (`tsx apps/bff/src/server.ts`, configured through
 * the environment as the local launcher does) on a real PostgreSQL, killed
 * with SIGKILL while an ARM write is held open, then restarted on the same
 * database: the cut-off change is marked "outcome unknown" at start-up and
 * settled against ARM by the first read, and the hash chain still verifies.
 *
 * PostgreSQL rather than PGlite: it is what production runs, and PGlite is a
 * single-process database, so this test could not watch for the intent while
 * the BFF process holds it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalAzure, type LocalAzure } from '@latchkey/local-azure';
import { authorizeWithPersona } from '@latchkey/local-azure/test-helpers';
import { apiPaths, csrfHeader, registryOverviewSchema, type RegistryPath } from '@latchkey/domain';
import { createAuditLog, createStorage, type AuditLog, type Storage } from '../../src/storage';
import '../provided-context';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const dbName = `latchkey_crash_${process.pid}_${randomBytes(3).toString('hex')}`;

let azure: LocalAzure;
let dataDir: string;
let databaseUrl: string;
let storage: Storage;
let audit: AuditLog;
let r: RegistryPath;
const encryptionKey = randomBytes(32).toString('base64');

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client(inject('postgresAdminUrl'));
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail()));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Bff {
  base: string;
  child: ChildProcess;
  output: string[];
}

/** Starts `tsx apps/bff/src/server.ts` with the launcher's configuration, on the shared database. */
async function startBffProcess(): Promise<Bff> {
  const scenario = azure.scenario();
  const tenant = scenario.tenants[0]!;
  const client = scenario.clients.find((c) =>
    c.redirectUris.some((u) => u.includes('/auth/callback')),
  )!;
  const port = await freePort();
  // Node itself with tsx's loader (the `tsx` CLI would put a wrapper process
  // between the test and the server, and SIGKILL would stop only the wrapper);
  // its own process group, so nothing it starts can outlive the kill.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/server.ts'], {
    cwd: repoRoot,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LATCHKEY_MODE: 'local',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      // Settle at once (production waits 10 min, in case another instance is still running it).
      AUDIT_RECONCILE_AFTER_SECONDS: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LATCHKEY_ENCRYPTION_KEY: encryptionKey,
      AZURE_TENANT_ID: tenant.id,
      AZURE_CLIENT_ID: client.clientId,
      AZURE_CLIENT_SECRET: client.clientSecret,
      AZURE_AUTHORITY_HOST: azure.identity.httpsOrigin,
      AZURE_KNOWN_AUTHORITY: azure.identity.knownAuthority,
      ARM_ENDPOINT: azure.armEndpoint,
      AZURE_CA_PATH: azure.caCertPath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const base = `http://127.0.0.1:${port}`;
  await until(
    'the BFF to listen',
    async () => {
      if (child.exitCode !== null) throw new Error(`BFF exited: ${output.join('')}`);
      return (await fetch(`${base}/healthz`)).ok ? true : undefined;
    },
    60_000,
  ).catch((error: unknown) => {
    process.kill(-child.pid!, 'SIGKILL');
    throw new Error(`${String(error)}\n${output.join('')}`);
  });
  return { base, child, output };
}

async function kill(bff: Bff): Promise<void> {
  if (bff.child.exitCode !== null || bff.child.signalCode !== null) return;
  const exited = new Promise((done) => bff.child.once('exit', done));
  process.kill(-bff.child.pid!, 'SIGKILL');
  await exited;
}

const cookiePair = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

/** The real sign-in: the BFF's /auth/login, the identity provider's persona page, the callback. */
async function signIn(bff: Bff, personaName: string): Promise<string> {
  const login = await fetch(`${bff.base}/auth/login?returnTo=%2Ftokens`, { redirect: 'manual' });
  const loginCookie = cookiePair(login, '__Host-latchkey-login');
  const outcome = await authorizeWithPersona({
    authUrl: login.headers.get('location')!,
    redirectUri: `${bff.base}/auth/callback`,
    persona: { personaName },
    caPem: azure.caPem,
  });
  const callback = await fetch(outcome.redirect!, {
    redirect: 'manual',
    headers: loginCookie ? { cookie: loginCookie } : {},
  });
  const session = cookiePair(callback, '__Host-latchkey-session');
  if (!session) throw new Error(`callback answered ${callback.status}`);
  return session;
}

const send = (bff: Bff, cookie: string, method: 'PATCH', path: string, body: unknown) =>
  fetch(`${bff.base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      origin: bff.base,
      'sec-fetch-site': 'same-origin',
      [csrfHeader]: '1',
      cookie,
    },
    body: JSON.stringify(body),
  });

async function overview(bff: Bff, cookie: string) {
  const res = await fetch(`${bff.base}${apiPaths.overview(r)}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

const allRecords = async () => (await audit.list({ limit: 500 })).records.reverse();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'latchkey-crash-'));
  azure = await startLocalAzure({ dataDir, scenario: 'demo', persist: false });
  azure.emulator.control.updateSettings({ lroRetryAfterSeconds: 0 });
  const reg = azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  r = {
    subscriptionId: reg.subscriptionId,
    resourceGroup: reg.resourceGroup,
    registryName: reg.name,
  };
  await asSuperuser(`CREATE DATABASE ${dbName}`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  storage = await createStorage({
    kind: 'postgres',
    url: databaseUrl,
    poolSize: 2,
    lockPoolSize: 1,
  });
  audit = createAuditLog(storage.db);
}, 60_000);

afterAll(async () => {
  await storage?.close();
  await azure?.close();
  await asSuperuser(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a BFF killed mid-change', () => {
  it('leaves an "outcome unknown" record at restart, settled by the first read, with the chain intact', async () => {
    const first = await startBffProcess();
    let second: Bff | undefined;
    try {
      const admin = await signIn(first, 'Avery Admin');
      const tokenStatus = async (bff: Bff) =>
        (await overview(bff, admin)).tokens.find((t) => t.name === 'line1-hmi')!.status;
      expect(await tokenStatus(first)).toBe('enabled');
      // Hold the write: ARM applies the change but its long-running operation never ends.
      azure.emulator.control.addFault({ operation: 'Tokens_Update', kind: 'lro-never', times: 1 });
      const pending = send(first, admin, 'PATCH', apiPaths.tokenResource(r, 'line1-hmi'), {
        status: 'disabled',
      }).catch(() => undefined);
      const intent = await until('the intent in storage', async () =>
        (await audit.pendingIntents()).find((x) => x.target.endsWith('/tokens/line1-hmi')),
      );
      expect(intent.action).toBe('token.disable');
      // The PATCH reached ARM (and is now being polled) before the kill.
      await until('ARM to accept the PATCH', async () =>
        azure.emulator.control
          .requests(50)
          .some((x) => x.operation === 'Tokens_Update' && x.status < 300)
          ? true
          : undefined,
      );
      await kill(first);
      await pending;
      azure.emulator.control.clearFaults();

      second = await startBffProcess();
      const after = await allRecords();
      const ofIntent = () =>
        allRecords().then((all) => all.filter((x) => x.intentId === intent.id));
      expect((await ofIntent()).map((x) => x.outcome)).toEqual(['unknown']);
      expect(
        after.filter((x) => x.kind === 'intent' && !after.some((o) => o.intentId === x.id)),
      ).toEqual([]);

      // The session survived the restart (it lives in the database); the first read settles it.
      expect(await tokenStatus(second)).toBe('disabled');
      const settled = await ofIntent();
      expect(settled.map((x) => x.outcome)).toEqual(['unknown', 'succeeded']);
      expect((settled[1]!.after as { note: string }).note).toMatch(
        /^reconciled against ARM at .+: token line1-hmi is disabled$/,
      );
      // Read again: nothing more to settle.
      await overview(second, admin);
      expect((await ofIntent()).length).toBe(2);
      expect(await audit.verifyChain()).toMatchObject({ ok: true });
      // No secret in either process's output.
      expect([...first.output, ...second.output].join('')).not.toContain(admin.split('=')[1]!);
    } finally {
      await kill(first);
      if (second) await kill(second);
    }
  }, 120_000);

  it('records exactly N paired intents and outcomes for N concurrent changes, chain intact', async () => {
    const bff = await startBffProcess();
    try {
      const admin = await signIn(bff, 'Avery Admin');
      const names = (await overview(bff, admin)).tokens
        .filter((t) => t.kind.type !== 'sync' && t.name !== 'line1-hmi')
        .slice(0, 12)
        .map((t) => t.name);
      expect(names).toHaveLength(12);
      const before = (await allRecords()).length;
      const results = await Promise.all(
        names.map((name) =>
          send(bff, admin, 'PATCH', apiPaths.tokenResource(r, name), { status: 'enabled' }),
        ),
      );
      expect(results.map((x) => x.status)).toEqual(names.map(() => 200));
      const added = (await allRecords()).slice(before);
      const intents = added.filter((x) => x.kind === 'intent');
      const outcomes = added.filter((x) => x.kind === 'outcome');
      expect(intents).toHaveLength(12);
      expect(outcomes).toHaveLength(12);
      // Each outcome completes a different one of the new intents, and each succeeded.
      expect(new Set(outcomes.map((x) => x.intentId))).toEqual(new Set(intents.map((x) => x.id)));
      expect(outcomes.every((x) => x.outcome === 'succeeded')).toBe(true);
      expect(intents.map((x) => x.target.split('/').pop()).sort()).toEqual([...names].sort());
      expect(await audit.verifyChain()).toMatchObject({ ok: true });
    } finally {
      await kill(bff);
    }
  }, 120_000);
});
