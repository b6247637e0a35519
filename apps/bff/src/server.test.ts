import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config/config';
import { startBff } from './server';
import { prepareDataDir } from './storage';

const root = mkdtempSync(join(tmpdir(), 'latchkey-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = (env: Record<string, string>) =>
  loadConfig({
    AZURE_TENANT_ID: 'tenant',
    AZURE_CLIENT_ID: 'client',
    LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PORT: '0',
    ...env,
  });

async function startupError(env: Record<string, string>): Promise<string> {
  const error = await startBff(config(env)).then(
    (bff) => bff.close().then(() => undefined),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('start-up errors name the variable and the cause', () => {
  it('a data folder that is a file', async () => {
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(await startupError({ DATA_DIR: file })).toBe(
      `Invalid configuration:\n  - DATA_DIR: ${join(file, 'db')} cannot be used as the data folder: the path, or a folder on it, is a file`,
    );
  });

  it('a PostgreSQL that cannot be reached, without the URL (it holds a password)', async () => {
    const message = await startupError({
      DATABASE_URL: 'postgres://latchkey:s3cret-pw@127.0.0.1:1/latchkey',
    });
    expect(message).toMatch(
      /^Invalid configuration:\n {2}- DATABASE_URL: PostgreSQL cannot be reached/,
    );
    expect(message).not.toContain('s3cret-pw');
  });
});

describe('the data folder', () => {
  it('is made with its parents when missing, and proved writable', () => {
    const dir = join(root, 'missing', 'deeper', 'db');
    prepareDataDir(dir);
    expect(existsSync(dir)).toBe(true);
  });
});
