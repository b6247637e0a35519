// `pnpm audit:verify` (scripts/verify-audit.ts) run as people run it: a child
// process over a PGlite database in DATA_DIR, as the server leaves it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuditLog, createStorage } from '../../src/storage';

const root = resolve(import.meta.dirname, '../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const script = join(root, 'scripts/verify-audit.ts');
let dataDir: string;

function verify(
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      tsx,
      [script],
      // No DATABASE_URL from the outer environment: this test is about DATA_DIR.
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function withDb<T>(fn: (storage: Awaited<ReturnType<typeof createStorage>>) => Promise<T>) {
  // One process at a time on a PGlite folder: open, act, close.
  const storage = await createStorage({ kind: 'pglite', dataDir: join(dataDir, 'db') });
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'latchkey-verify-'));
  await withDb(async (storage) => {
    const log = createAuditLog(storage.db);
    for (const name of ['alpha', 'bravo', 'charlie']) {
      const intent = await log.appendIntent({
        actor: 'avery@contoso.example',
        action: 'token.disable',
        target: `/tokens/${name}`,
        requestId: `req-${name}`,
      });
      await log.appendOutcome(intent, { outcome: 'succeeded', armRequestIds: [`arm-${name}`] });
    }
  });
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('says the chain is intact and exits 0', async () => {
  const run = await verify({ DATA_DIR: dataDir });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^audit chain intact: 6 records/);
  expect(run.code).toBe(0);
}, 60_000);

it('names the first altered record and exits 1 after a row is changed behind the log', async () => {
  await withDb(async (storage) => {
    // What someone with DDL rights would do: the append-only trigger refuses plain edits.
    await storage.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only_rows');
    await storage.db.query(`UPDATE audit_log SET action = 'token.enable' WHERE seq = 3`);
  });
  const run = await verify({ DATA_DIR: dataDir });
  expect(run.stdout).toMatch(/^audit chain BROKEN at seq 3 \(2 records checked\)/);
  expect(run.code).toBe(1);
}, 60_000);

it('exits 2 and says so when there is no database to check', async () => {
  const run = await verify({ DATA_DIR: join(dataDir, 'nowhere') });
  expect(run.stderr).toContain('no BFF database');
  expect(run.code).toBe(2);
}, 60_000);
