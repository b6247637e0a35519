import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  connectionStringResultSchema,
  credentialResultSchema,
  csrfHeader,
  registryOverviewSchema,
} from '@latchkey/domain';
import { startDemoHarness, type Harness } from './harness';
import type { RegistryPath } from '@latchkey/domain';

// fetch() decodes compressed bodies by itself and hides what was on the wire,
// so these tests read raw bytes and headers with node:http.
interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const decoders: Record<string, (b: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

// A stand-in for the SPA build: one hashed script with its precompressed twins
// (what apps/web's precompress step writes), one without.
// Under a dot-folder, as `pnpm start` and the e2e run keep the build in `.data/…/web`.
const tmp = mkdtempSync(join(tmpdir(), 'latchkey-web-'));
const webRoot = join(tmp, '.data', 'web');
mkdirSync(webRoot, { recursive: true });
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',')}];\n`;
mkdirSync(join(webRoot, 'assets'));
writeFileSync(
  join(webRoot, 'index.html'),
  '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><div id="root"></div>',
);
writeFileSync(join(webRoot, 'assets', 'app-Ab12Cd34.js'), script);
writeFileSync(join(webRoot, 'assets', 'app-Ab12Cd34.js.br'), brotliCompressSync(script));
writeFileSync(join(webRoot, 'assets', 'app-Ab12Cd34.js.gz'), gzipSync(script));
writeFileSync(join(webRoot, 'assets', 'plain-Ef56Gh78.css'), `.a{color:red}\n`.repeat(200));

let h: Harness;
let r: RegistryPath;
let admin: string;

beforeAll(async () => {
  ({ h, r, admin } = await startDemoHarness({
    webRoot,
    credentialLimit: { limit: 1000, windowMs: 60_000 },
  }));
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('API responses', () => {
  it.each(['br', 'gzip'])(
    'sends the overview %s-encoded when asked, decoding to the same JSON as unencoded',
    async (encoding) => {
      const plain = await raw(h.base, apiPaths.overview(r), {
        headers: { cookie: admin, 'accept-encoding': 'identity' },
      });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const encoded = await raw(h.base, apiPaths.overview(r), {
        headers: { cookie: admin, 'accept-encoding': encoding },
      });
      expect(encoded.status).toBe(200);
      expect(encoded.headers['content-encoding']).toBe(encoding);
      expect(encoded.headers.vary).toMatch(/accept-encoding/i);
      expect(encoded.headers['cache-control']).toContain('no-store');
      expect(encoded.body.length).toBeLessThan(plain.body.length / 3);

      const decoded = registryOverviewSchema.parse(
        JSON.parse(decoders[encoding]!(encoded.body).toString('utf8')),
      );
      const expected = registryOverviewSchema.parse(JSON.parse(plain.body.toString('utf8')));
      // Two reads, so each carries its own read time and snapshot age (the first
      // may be the cold sweep); everything else is equal.
      const content = ({ fetchedAt: _t, snapshot: _s, ...rest }: typeof decoded) => rest;
      expect(content(decoded)).toEqual(content(expected));
    },
  );

  it('prefers brotli when the browser accepts both, as Chromium asks', async () => {
    const res = await raw(h.base, apiPaths.overview(r), {
      headers: { cookie: admin, 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.headers['content-encoding']).toBe('br');
  });
});

describe('responses that carry a one-time secret are never compressed (BREACH)', () => {
  const post = (path: string, body: unknown) =>
    raw(h.base, path, {
      method: 'POST',
      headers: {
        cookie: admin,
        origin: h.base,
        'sec-fetch-site': 'same-origin',
        [csrfHeader]: '1',
        'accept-encoding': 'br, gzip',
      },
      body,
    });

  it('sends a new token password unencoded', async () => {
    const res = await post(apiPaths.tokenPasswords(r, 'mes-north-app'), { slot: 'password2' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toContain('no-store');
    const body = credentialResultSchema.parse(JSON.parse(res.body.toString('utf8')));
    expect(res.body.toString('utf8')).toContain(body.credentials.passwords[0]!.value);
  });

  it('sends a connection string unencoded, though it is over the size that is compressed', async () => {
    const res = await post(apiPaths.connectedRegistryConnectionString(r, 'sitesouth'), {
      slot: 'password1',
      parentProtocol: 'https',
      confirmConnectedRegistryName: 'sitesouth',
    });
    expect(res.status, res.body.toString('utf8')).toBe(200);
    // Over the 1 KB threshold: only the secret-route rule keeps it unencoded.
    expect(res.body.length).toBeGreaterThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    const body = connectionStringResultSchema.parse(JSON.parse(res.body.toString('utf8')));
    expect(res.body.toString('utf8')).toContain(body.credentials.passwords[0]!.value);
  });
});

describe('static assets', () => {
  const asset = '/assets/app-Ab12Cd34.js';

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
  ])('answers Accept-Encoding "%s" with the precompressed %s file', async (accept, encoding) => {
    const res = await raw(h.base, asset, { headers: { 'accept-encoding': accept } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(decoders[encoding]!(res.body).toString('utf8')).toBe(script);
  });

  it('sends the plain file, still marked Vary, when no encoding is accepted', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0' },
    ]) {
      const res = await raw(h.base, asset, { headers });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.toString('utf8')).toBe(script);
    }
  });

  it('compresses an asset without precompressed twins on the fly, with the same cache headers', async () => {
    const res = await raw(h.base, '/assets/plain-Ef56Gh78.css', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.body).toString('utf8')).toBe(`.a{color:red}\n`.repeat(200));
  });

  it('keeps the page itself fresh per request: the CSP nonce filled in, never cached', async () => {
    const res = await raw(h.base, '/registries', { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body.toString('utf8')).toContain(`content="${nonce}"`);
  });
});
