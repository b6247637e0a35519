import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'latchkey-config-'));
const key = Buffer.alloc(32, 7).toString('base64');

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('names every missing variable of azure mode, and changes nothing', () => {
    const found = problems({ LATCHKEY_MODE: 'azure' });
    expect(found).toEqual(
      expect.arrayContaining([
        'AZURE_TENANT_ID is required in azure mode',
        'AZURE_CLIENT_ID is required in azure mode',
        'PUBLIC_URL is required in azure mode',
        'LATCHKEY_ENCRYPTION_KEY is required in azure mode',
        expect.stringContaining(
          'AZURE_CLIENT_SECRET azure mode needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH',
        ),
      ]),
    );
  });

  it('with nothing set, names the missing variables and what azure mode needs', () => {
    const found = problems({});
    expect(found).toEqual([
      'AZURE_TENANT_ID is required (pnpm start sets it in local mode)',
      'AZURE_CLIENT_ID is required (pnpm start sets it in local mode)',
      expect.stringMatching(
        /^LATCHKEY_MODE is not set: .*LATCHKEY_MODE=azure, PUBLIC_URL, AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET .*LATCHKEY_ENCRYPTION_KEY/,
      ),
    ]);
  });

  it('rejects a malformed key, port and URL with the rule', () => {
    const found = problems({
      LATCHKEY_ENCRYPTION_KEY: 'c2hvcnQ=',
      PORT: '70000',
      PUBLIC_URL: 'not a url',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
    });
    expect(
      found.some((p) => p.startsWith('LATCHKEY_ENCRYPTION_KEY') && p.includes('32 bytes')),
    ).toBe(true);
    expect(found.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(found.some((p) => p.startsWith('PUBLIC_URL'))).toBe(true);
  });

  it('builds the Entra authority and ARM settings from valid azure-mode variables', () => {
    const config = loadConfig({
      LATCHKEY_MODE: 'azure',
      AZURE_TENANT_ID: 'tenant-guid',
      AZURE_CLIENT_ID: 'client-guid',
      AZURE_CLIENT_SECRET: 'not-logged',
      PUBLIC_URL: 'https://latchkey.example.com/',
      LATCHKEY_ENCRYPTION_KEY: key,
      DATA_DIR: dataDir(),
    });
    expect(config.entra.authority).toBe('https://login.microsoftonline.com/tenant-guid');
    expect(config.entra.knownAuthorities).toEqual([]);
    expect(config.publicUrl).toBe('https://latchkey.example.com');
    expect(config.armEndpoint).toBe('https://management.azure.com');
    expect(config.encryptionKey.equals(Buffer.from(key, 'base64'))).toBe(true);
  });

  it('in local mode generates an encryption key once into the data folder and reuses it', () => {
    const dir = dataDir();
    const env = { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', DATA_DIR: dir };
    const first = loadConfig(env).encryptionKey;
    expect(first).toHaveLength(32);
    expect(loadConfig(env).encryptionKey.equals(first)).toBe(true);
  });

  it('never echoes a secret value in its errors', () => {
    const found = problems({
      LATCHKEY_MODE: 'azure',
      AZURE_CLIENT_SECRET: 'super-secret-value',
      PORT: 'abc',
    });
    expect(found.join('\n')).not.toContain('super-secret-value');
  });

  it('takes the HTTP client timeouts, production values by default, and refuses headers outliving the request', () => {
    const base = { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', DATA_DIR: dataDir() };
    expect(loadConfig(base).httpTimeouts).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(
      problems({ ...base, HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }),
    ).toEqual(['HTTP_HEADERS_TIMEOUT_MS must not be more than HTTP_REQUEST_TIMEOUT_MS']);
  });

  it('takes the snapshot cache limits, 64 registries and 128 MB by default, and names a bad one', () => {
    const base = { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', DATA_DIR: dataDir() };
    expect(loadConfig(base).snapshotCache).toEqual({
      maxRegistries: 64,
      maxBytes: 128 * 1024 * 1024,
    });
    expect(
      loadConfig({ ...base, SNAPSHOT_CACHE_MAX_REGISTRIES: '500', SNAPSHOT_CACHE_MAX_MB: '0' })
        .snapshotCache,
    ).toEqual({ maxRegistries: 500, maxBytes: 0 });
    const refused = problems({
      ...base,
      SNAPSHOT_CACHE_MAX_REGISTRIES: '0',
      SNAPSHOT_CACHE_MAX_MB: '-1',
    });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toBe('SNAPSHOT_CACHE_MAX_REGISTRIES Too small: expected number to be >=1');
    expect(refused[1]).toBe('SNAPSHOT_CACHE_MAX_MB Too small: expected number to be >=0');
  });
});
